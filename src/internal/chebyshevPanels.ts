// A smooth function of one variable that is costly per point but wanted at up to millions of points (the
// long-horizon CLV sums, one per customer), tabulated lazily as Chebyshev interpolants on a fixed grid of
// panels. The grid depends only on the panel width, so a point's value does not depend on which other points
// were asked for: the same customer gets the same number alone or in a batch of a million.
//
// Stable internal API (not re-exported from the package):
//   new ChebyshevPanels(f, outputs, width) · at(u, out) → true when out holds f(u) interpolated, false when
//   u's panel did not converge (the caller then evaluates f itself)

/** Interpolation nodes per panel (degree NODES − 1). */
const NODES = 24;
/** Coefficients whose size tells whether a panel converged. */
const TAIL = 4;
/** A panel converged when its last {@link TAIL} coefficients are below this fraction of its largest value. */
const TOLERANCE = 1e-13;
/** Halvings of a base panel before its points fall back to `f` itself: at most 2^(MAX_DEPTH+1) − 1 panels. */
const MAX_DEPTH = 5;

/** θ_j = π(j + ½)/N: the Chebyshev points of the first kind are cos θ_j. */
const COS = ((): Float64Array => {
  const c = new Float64Array(NODES * NODES);
  for (let k = 0; k < NODES; k++) for (let j = 0; j < NODES; j++) c[k * NODES + j] = Math.cos((Math.PI * k * (j + 0.5)) / NODES);
  return c;
})();

/** One panel [lo, hi]: its coefficients (outputs × NODES), or its two halves, or neither (did not converge). */
interface Panel {
  readonly mid: number;
  readonly half: number;
  readonly coef: Float64Array | null;
  readonly halves: readonly [Panel, Panel] | null;
}

/**
 * f: ℝ → ℝ^m on panels [j·w, (j+1)·w] (w the width), each interpolated at 24 Chebyshev points when first
 * needed. A panel is kept when its last four Chebyshev coefficients are below 1e-13 of its largest value — for
 * a function analytic in a strip much wider than the panel they fall geometrically, so the interpolant is then
 * within about that of f —, else it is halved, up to five times. f must be analytic on the panels asked for;
 * a non-finite value makes its panel fail.
 */
export class ChebyshevPanels {
  private readonly panels = new Map<number, Panel>();
  private readonly values: Float64Array;
  private readonly one: Float64Array;

  constructor(
    private readonly f: (u: number, out: Float64Array) => void,
    private readonly outputs: number,
    private readonly width: number,
  ) {
    this.values = new Float64Array(outputs * NODES);
    this.one = new Float64Array(outputs);
  }

  /** Writes the interpolated f(u) to `out` (length `outputs`); false, leaving `out` as it was, when u's panel failed. */
  at(u: number, out: Float64Array): boolean {
    const j = Math.floor(u / this.width);
    let panel = this.panels.get(j);
    if (panel === undefined) {
      panel = this.build((j + 0.5) * this.width, this.width / 2, 0);
      this.panels.set(j, panel);
    }
    while (panel.halves !== null) panel = u < panel.mid ? panel.halves[0] : panel.halves[1];
    if (panel.coef === null) return false;
    clenshaw(panel.coef, this.outputs, (u - panel.mid) / panel.half, out);
    return true;
  }

  private build(mid: number, half: number, depth: number): Panel {
    const m = this.outputs;
    const v = this.values;
    let finite = true;
    for (let j = 0; j < NODES; j++) {
      this.f(mid + half * COS[NODES + j]!, this.one);
      for (let o = 0; o < m; o++) {
        const y = this.one[o]!;
        if (!Number.isFinite(y)) finite = false;
        v[o * NODES + j] = y;
      }
    }
    const coef = finite ? coefficients(v, m) : null;
    if (coef !== null && converged(coef, v, m)) return { mid, half, coef, halves: null };
    if (depth === MAX_DEPTH) return { mid, half, coef: null, halves: null };
    const q = half / 2;
    return { mid, half, coef: null, halves: [this.build(mid - q, q, depth + 1), this.build(mid + q, q, depth + 1)] };
  }
}

/** Chebyshev coefficients c_k = (2/N) Σ_j f(cos θ_j) cos(kθ_j) (c_0 halved) of each output's node values. */
function coefficients(v: Float64Array, m: number): Float64Array {
  const c = new Float64Array(m * NODES);
  for (let o = 0; o < m; o++) {
    for (let k = 0; k < NODES; k++) {
      let s = 0;
      for (let j = 0; j < NODES; j++) s += v[o * NODES + j]! * COS[k * NODES + j]!;
      c[o * NODES + k] = ((k === 0 ? 1 : 2) * s) / NODES;
    }
  }
  return c;
}

function converged(c: Float64Array, v: Float64Array, m: number): boolean {
  for (let o = 0; o < m; o++) {
    let scale = 0;
    for (let j = 0; j < NODES; j++) scale = Math.max(scale, Math.abs(v[o * NODES + j]!));
    let tail = 0;
    for (let k = NODES - TAIL; k < NODES; k++) tail = Math.max(tail, Math.abs(c[o * NODES + k]!));
    if (!(tail <= TOLERANCE * scale)) return false;
  }
  return true;
}

/** Σ_k c_k T_k(t) for each output, by Clenshaw's recurrence (t in [−1, 1]). */
function clenshaw(c: Float64Array, m: number, t: number, out: Float64Array): void {
  const t2 = 2 * t;
  for (let o = 0; o < m; o++) {
    const at = o * NODES;
    let b1 = 0;
    let b2 = 0;
    for (let k = NODES - 1; k >= 1; k--) {
      const b = c[at + k]! + t2 * b1 - b2;
      b2 = b1;
      b1 = b;
    }
    out[o] = c[at]! + t * b1 - b2;
  }
}
