// Quantile binning shared by rfmScores and quantileTiers: pandas `qcut` edges (numpy "linear" quantiles,
// R type 7), right-closed bins with the lowest edge included, and a stated rule for duplicate edges.
// Everything is O(n) per column (multi-select instead of a full sort), since rfmScores runs on millions.

/** How a value tied across several bins (a duplicated edge) is scored. */
export type TieRule = "middle" | "low" | "high";

/** How one column is scored: into 1..bins, reversed for recency, with a tie rule and a rank tie order. */
export interface ScoreSpec {
  bins: number;
  invert: boolean;
  ties: TieRule;
  /** Quantile positions with numpy's float steps instead of exact ones (see {@link edgePosition}). */
  numpy: boolean;
  /** Orders row indexes tied at a rank cut; null = input order. */
  tieOrder: ((a: number, b: number) => number) | null;
}

/**
 * Position of the i-th of `bins` quantile edges among n sorted values (R type 7 / numpy "linear":
 * h = (n − 1)·i/bins), split into the whole part `k` and the fraction `g`, in exact integer arithmetic.
 * numpy computes h in floating point from `linspace(0, 1, bins + 1) * 100 / 100` and so sometimes lands a
 * hair below a whole number (qcut of 1..7 into 6 bins gives sizes 1,1,2,0,2,1; exact levels give
 * 2,1,1,1,1,1). With `numpy` true those float steps are reproduced, for bit-identical pandas results.
 */
export function edgePosition(n: number, i: number, bins: number, numpy = false): { k: number; g: number } {
  if (numpy) {
    const q = i === bins ? 1 : (i * (1 / bins) * 100) / 100;
    const h = (n - 1) * q;
    const k = Math.floor(h);
    return { k, g: h - k };
  }
  const num = (n - 1) * i;
  const k = Math.floor(num / bins);
  return { k, g: (num - k * bins) / bins };
}

function insertionSort(a: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i <= hi; i++) {
    const x = a[i]!;
    let j = i - 1;
    while (j >= lo && a[j]! > x) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = x;
  }
}

/**
 * Rearranges `a` so that every position in `ks` (sorted ascending) holds the value a full sort would put
 * there. Hoare partitioning around a median-of-three, recursing only into sides that hold a wanted position.
 */
export function multiSelect(a: Float64Array, ks: readonly number[]): void {
  const stack: number[] = [0, a.length - 1, 0, ks.length - 1];
  while (stack.length > 0) {
    const kHi = stack.pop()!;
    const kLo = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (kLo > kHi) continue;
    if (hi - lo < 24) {
      insertionSort(a, lo, hi);
      continue;
    }
    const mid = (lo + hi) >>> 1;
    // median of three as the pivot value
    let x = a[lo]!;
    let y = a[mid]!;
    let z = a[hi]!;
    if (x > y) [x, y] = [y, x];
    if (y > z) [y, z] = [z, y];
    if (x > y) y = x;
    const pivot = y;
    let i = lo - 1;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (a[i]! < pivot);
      do j--;
      while (a[j]! > pivot);
      if (i >= j) break;
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    // [lo, j] ≤ pivot ≤ [j + 1, hi]
    let split = kLo;
    while (split <= kHi && ks[split]! <= j) split++;
    stack.push(lo, j, kLo, split - 1);
    stack.push(j + 1, hi, split, kHi);
  }
}

/** Order statistics, and the range of a column of small whole numbers (`intSpan` 0 otherwise). */
export interface OrderStatistics {
  /** The values at the requested positions. */
  stats: Float64Array;
  /** The smallest value, when the column is small whole numbers. */
  intMin: number;
  /** max − min + 1 for a column of small whole numbers; 0 otherwise. */
  intSpan: number;
}

/**
 * The values at sorted positions `ks` (ascending, distinct), without sorting: by counting when the values
 * are whole numbers in a small range (days, purchase counts), else by {@link multiSelect} on a copy.
 */
export function orderStatistics(values: Float64Array, ks: readonly number[]): OrderStatistics {
  const n = values.length;
  const out = new Float64Array(ks.length);
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let p = 0; p < n; p++) {
    const x = values[p]!;
    if ((x | 0) !== x) {
      integral = false; // (or beyond 32 bits: then selection is used, which is exact too)
      break;
    }
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const span = max - min + 1;
  if (integral && span <= Math.max(1024, n)) {
    const counts = new Int32Array(span);
    for (let p = 0; p < n; p++) counts[values[p]! - min]!++;
    let seen = 0;
    let j = 0;
    for (let v = 0; v < span && j < ks.length; v++) {
      seen += counts[v]!;
      while (j < ks.length && ks[j]! < seen) out[j++] = v + min;
    }
    return { stats: out, intMin: min, intSpan: span };
  }
  if (!(n >= 65536 && bracketedSelect(values, ks, out))) {
    const scratch = values.slice();
    multiSelect(scratch, ks);
    for (let j = 0; j < ks.length; j++) out[j] = scratch[ks[j]!]!;
  }
  return { stats: out, intMin: 0, intSpan: 0 };
}

/**
 * Order statistics of a large column in about one pass: a sorted, evenly strided sample brackets each
 * wanted position; one pass counts the values below each bracket and copies the values inside it; the
 * small copies are then searched. Returns false (and the caller selects in full) if a bracket missed,
 * which a strided sample of an adversarial ordering can cause; results are exact either way.
 */
function bracketedSelect(values: Float64Array, ks: readonly number[], out: Float64Array): boolean {
  const n = values.length;
  const size = 8192;
  const sample = new Float64Array(size);
  const stride = n / size;
  for (let j = 0; j < size; j++) sample[j] = values[Math.floor(j * stride)]!;
  sample.sort();
  // a sample quantile's position has standard deviation ≤ √size / 2: 3.5 of them, and some slack
  const margin = 1.75 * Math.sqrt(size) + 16;
  // brackets [lo, hi] per wanted position, overlapping ones merged
  const los: number[] = [];
  const his: number[] = [];
  const group: number[] = [];
  for (let j = 0; j < ks.length; j++) {
    const at = (ks[j]! / n) * size;
    const a = Math.floor(at - margin);
    const b = Math.ceil(at + margin);
    const lo = a < 0 ? -Infinity : sample[a]!;
    const hi = b >= size ? Infinity : sample[b]!;
    const g = los.length - 1;
    if (g >= 0 && lo <= his[g]!) his[g] = Math.max(his[g]!, hi);
    else {
      los.push(lo);
      his.push(hi);
    }
    group.push(los.length - 1);
  }
  const m = los.length;
  // cells between the sorted bounds lo_0 ≤ hi_0 < lo_1 ≤ hi_1 …: even cells lie between brackets, odd inside
  const cells = new Float64Array(2 * m + 1);
  const bufs: Float64Array[] = los.map(() => new Float64Array(4096));
  const lens = new Int32Array(m);
  const loA = Float64Array.from(los);
  const hiA = Float64Array.from(his);
  for (let p = 0; p < n; p++) {
    const x = values[p]!;
    // g = number of brackets starting at or below x; x is inside bracket g − 1 or after it
    let g = 0;
    for (let j = 0; j < m; j++) g += +(x >= loA[j]!); // the brackets are sorted: a count, without branches
    if (g > 0 && x <= hiA[g - 1]!) {
      const b = g - 1;
      cells[2 * b + 1]!++;
      let buf = bufs[b]!;
      const len = lens[b]!;
      if (len === buf.length) {
        const bigger = new Float64Array(len * 2);
        bigger.set(buf);
        bufs[b] = buf = bigger;
      }
      buf[len] = x;
      lens[b] = len + 1;
    } else cells[2 * g]!++;
  }
  const below = new Float64Array(m);
  for (let g = 0, acc = 0; g < m; g++) {
    acc += cells[2 * g]!;
    below[g] = acc;
    acc += cells[2 * g + 1]!;
  }
  for (let g = 0; g < m; g++) {
    const local: number[] = [];
    for (let j = 0; j < ks.length; j++) {
      if (group[j] !== g) continue;
      const r = ks[j]! - below[g]!;
      if (r < 0 || r >= lens[g]!) return false;
      local.push(r);
    }
    const buf = bufs[g]!.subarray(0, lens[g]!);
    multiSelect(buf, local);
    for (let j = 0, t = 0; j < ks.length; j++) if (group[j] === g) out[j] = buf[local[t++]!]!;
  }
  return true;
}

/**
 * The `bins + 1` edges of pandas `qcut`: "linear" quantiles (R type 7) of `values` at i/bins, with exact
 * positions (see {@link edgePosition}) and numpy's interpolation formula.
 */
export function qcutEdges(values: Float64Array, bins: number, numpy = false): { edges: Float64Array; intMin: number; intSpan: number } {
  const n = values.length;
  const wanted = new Set<number>();
  for (let i = 0; i <= bins; i++) {
    const { k, g } = edgePosition(n, i, bins, numpy);
    wanted.add(k);
    if (g > 0) wanted.add(k + 1);
  }
  const ks = [...wanted].sort((a, b) => a - b);
  const { stats, intMin, intSpan } = orderStatistics(values, ks);
  const at = (k: number): number => stats[ks.indexOf(k)]!;
  const edges = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) {
    const { k, g } = edgePosition(n, i, bins, numpy);
    const a = at(k);
    if (g === 0) {
      edges[i] = a;
      continue;
    }
    edges[i] = lerp(a, at(k + 1), g);
  }
  return { edges, intMin, intSpan };
}

/**
 * The value a fraction `g` of the way from `a` to `b` (a ≤ b): numpy's `_lerp`, which interpolates from the
 * nearer end. When b − a overflows (a and b of opposite signs near ±Number.MAX_VALUE), a·(1 − g) + b·g,
 * whose terms have opposite signs and so cannot overflow; it stays within [a, b].
 */
export function lerp(a: number, b: number, g: number): number {
  const d = b - a;
  if (d === Infinity) return a * (1 - g) + b * g;
  return g >= 0.5 ? b - d * (1 - g) : a + d * g;
}

/** Midpoint of a score range under a tie rule, rounded down (a tie never gains half a score). */
function pick(lo: number, hi: number, ties: TieRule): number {
  return ties === "low" ? lo : ties === "high" ? hi : (lo + hi) >> 1;
}

/**
 * Scores every value 1..bins against qcut `edges` into `out`. A value that is a duplicated edge belongs to
 * every bin that edge bounds (bins L..R−1 where L = #edges < x, R = #edges ≤ x); `ties` picks one score of
 * that range, in score space (after inversion). With unique edges the range is one bin: pandas' answer.
 */
export function scoreByEdges(
  values: Float64Array,
  q: { edges: Float64Array; intMin: number; intSpan: number },
  spec: ScoreSpec,
  out: Uint8Array | Int32Array,
): void {
  const { bins, invert, ties } = spec;
  const { edges, intMin, intSpan } = q;
  const n = values.length;
  let unique = true;
  for (let i = 1; i <= bins; i++) if (!(edges[i]! > edges[i - 1]!)) unique = false;
  if (intSpan > 0 && intSpan <= n) {
    // small whole numbers (days, counts): score each possible value once, then look it up
    const lut = new Uint8Array(intSpan);
    for (let v = 0; v < intSpan; v++) lut[v] = scoreValue(v + intMin, edges, bins, invert, ties);
    for (let p = 0; p < n; p++) out[p] = lut[values[p]! - intMin]!;
    return;
  }
  if (!unique) {
    for (let p = 0; p < n; p++) out[p] = scoreValue(values[p]!, edges, bins, invert, ties);
    return;
  }
  // searchsorted(side="left"), with the lowest edge included in bin 1: 1 + the inner edges below x, counted
  // without a branch (`+(a > b)`: values fall in random bins, and a search mispredicted at almost every one).
  const base = invert ? bins : 1;
  const sign = invert ? -1 : 1;
  if (bins === 5) {
    // The default, unrolled (a third of the time of the loop below).
    const [e1, e2, e3, e4] = [edges[1]!, edges[2]!, edges[3]!, edges[4]!];
    for (let p = 0; p < n; p++) {
      const x = values[p]!;
      out[p] = base + sign * (+(x > e1) + +(x > e2) + +(x > e3) + +(x > e4));
    }
    return;
  }
  for (let p = 0; p < n; p++) {
    const x = values[p]!;
    let above = 0;
    for (let b = 1; b < bins; b++) above += +(x > edges[b]!);
    out[p] = base + sign * above;
  }
}

/** The score of one value against possibly duplicated edges (the rule of {@link scoreByEdges}). */
function scoreValue(x: number, edges: Float64Array, bins: number, invert: boolean, ties: TieRule): number {
  let L = 0;
  while (L <= bins && edges[L]! < x) L++;
  let R = L;
  while (R <= bins && edges[R]! <= x) R++;
  const lo = L < 1 ? 1 : L;
  const hi = R - 1 < lo ? lo : R - 1;
  return invert ? pick(bins + 1 - hi, bins + 1 - lo, ties) : pick(lo, hi, ties);
}

/**
 * Scores every value 1..bins by qcut on ranks with ties broken by input order (pandas
 * `qcut(x.rank(method="first"), bins)`): bin i holds ranks up to 1 + floor((n − 1)·i/bins).
 * O(n): the last value of each bin is selected, and ties at a cut are split by their order of appearance,
 * or by `tieOrder` (a comparator of row indexes) when given.
 */
export function scoreByRank(values: Float64Array, spec: ScoreSpec, out: Uint8Array | Int32Array): void {
  const { bins, invert, ties, tieOrder } = spec;
  const n = values.length;
  if (n === 0) return;
  if (n === 1) {
    // one rank: every edge equals it, the whole range 1..bins applies
    out[0] = pick(1, bins, ties);
    return;
  }
  const cut = new Float64Array(bins); // cut[i] = ranks in bins ≤ i, i = 1..bins-1
  const ks: number[] = [];
  for (let i = 1; i < bins; i++) {
    // the i-th edge of the ranks 1..n is 1 + h; rank r ≤ 1 + h ⇔ r ≤ 1 + k (exact positions), or
    // numpy's lerp between the ranks k + 1 and k + 2, which float rounding can push to k + 2
    const { k, g } = edgePosition(n, i, bins, spec.numpy);
    cut[i] = spec.numpy && g > 0 ? Math.floor(g >= 0.5 ? k + 2 - (1 - g) : k + 1 + g) : 1 + k;
    ks.push(cut[i]! - 1);
  }
  const sortedKs = [...new Set(ks)].sort((a, b) => a - b);
  const { stats } = orderStatistics(values, sortedKs);
  const pivot = new Float64Array(bins);
  const quota = new Float64Array(bins);
  const less = new Float64Array(bins);
  for (let i = 1; i < bins; i++) pivot[i] = stats[sortedKs.indexOf(cut[i]! - 1)]!;
  for (let p = 0; p < n; p++) {
    const x = values[p]!;
    for (let i = 1; i < bins; i++) if (x < pivot[i]!) less[i]!++;
  }
  for (let i = 1; i < bins; i++) quota[i] = cut[i]! - less[i]!;
  // occurrence index of a row among the rows sharing a cut's value: input order, or by tieOrder
  let occ: Int32Array | null = null;
  if (tieOrder !== null) {
    occ = new Int32Array(n);
    const groups = new Map<number, number[]>();
    for (let i = 1; i < bins; i++) if (!groups.has(pivot[i]!)) groups.set(pivot[i]!, []);
    for (let p = 0; p < n; p++) {
      const x = values[p]!;
      for (let i = 1; i < bins; i++) {
        if (x === pivot[i]) {
          groups.get(x)!.push(p);
          break;
        }
      }
    }
    for (const g of groups.values()) {
      g.sort(tieOrder);
      for (let j = 0; j < g.length; j++) occ[g[j]!] = j;
    }
  }
  const seen = new Float64Array(bins);
  for (let p = 0; p < n; p++) {
    const x = values[p]!;
    let bin = bins;
    for (let i = 1; i < bins; i++) {
      const v = pivot[i]!;
      if (x < v) {
        bin = i;
        break;
      }
      if (x === v && (occ === null ? seen[i]! : occ[p]!) < quota[i]!) {
        bin = i;
        break;
      }
    }
    // count this occurrence against every cut that sits on its value
    if (occ === null) for (let i = 1; i < bins; i++) if (x === pivot[i]) seen[i]!++;
    out[p] = invert ? bins + 1 - bin : bin;
  }
}

/**
 * Scores against explicit ascending inner thresholds t_1 < … < t_{bins−1}, bins right-closed:
 * x ≤ t_1 → 1, t_1 < x ≤ t_2 → 2, …, x > t_{bins−1} → bins (reversed when `invert`).
 */
export function scoreByThresholds(values: Float64Array, thresholds: readonly number[], invert: boolean, out: Uint8Array | Int32Array): void {
  const bins = thresholds.length + 1;
  for (let p = 0; p < values.length; p++) {
    const x = values[p]!;
    let b = 1;
    while (b < bins && x > thresholds[b - 1]!) b++;
    out[p] = invert ? bins + 1 - b : b;
  }
}
