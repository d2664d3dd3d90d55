// Small dense symmetric linear algebra (p up to a few dozen): Cholesky factorisation, solves and the
// inverse, on row-major Float64Arrays. Written from the textbook algorithm (Golub & Van Loan, Matrix
// Computations, 4th ed., algorithm 4.2.1).

/**
 * The lower Cholesky factor L (A = L·Lᵀ) of the symmetric p×p matrix `a` (row-major; only the lower triangle
 * is read), or the index of the first pivot that is not clearly positive: a pivot at most `tol` times the
 * matching diagonal entry of `a` (the column is, to that tolerance, a combination of the earlier ones).
 */
export function cholesky(a: Float64Array, p: number, tol = 1e-12): { l: Float64Array } | { failedAt: number } {
  const l = new Float64Array(p * p);
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j]!;
    for (let k = 0; k < j; k++) d -= l[j * p + k]! * l[j * p + k]!;
    if (!(d > tol * a[j * p + j]!) || !(d > 0) || !Number.isFinite(d)) return { failedAt: j };
    const ljj = Math.sqrt(d);
    l[j * p + j] = ljj;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j]!;
      for (let k = 0; k < j; k++) s -= l[i * p + k]! * l[j * p + k]!;
      l[i * p + j] = s / ljj;
    }
  }
  return { l };
}

/** Solves L·Lᵀ·x = b for x, given the Cholesky factor L of {@link cholesky}. */
export function choleskySolve(l: Float64Array, p: number, b: Float64Array): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= l[i * p + k]! * y[k]!;
    y[i] = s / l[i * p + i]!;
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i]!;
    for (let k = i + 1; k < p; k++) s -= l[k * p + i]! * x[k]!;
    x[i] = s / l[i * p + i]!;
  }
  return x;
}

/** The inverse (L·Lᵀ)⁻¹, row-major p×p, from the Cholesky factor L. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i]!;
  }
  return inv;
}

/**
 * Eigenvalues and eigenvectors of the symmetric p×p matrix `a` (row-major, not modified) by cyclic Jacobi
 * rotations (Golub & Van Loan, algorithm 8.5.3): `values[k]` with its eigenvector in column k of `vectors`.
 * Sweeps stop when the off-diagonal mass is below 1e-30 of the whole, or after 50 sweeps.
 */
export function symmetricEigen(a: Float64Array, p: number): { values: Float64Array; vectors: Float64Array } {
  const m = Float64Array.from(a);
  const v = new Float64Array(p * p);
  for (let i = 0; i < p; i++) v[i * p + i] = 1;
  let total = 0;
  for (let i = 0; i < p * p; i++) total += m[i]! * m[i]!;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let i = 0; i < p; i++) for (let j = i + 1; j < p; j++) off += 2 * m[i * p + j]! * m[i * p + j]!;
    if (!(off > 1e-30 * total)) break;
    for (let i = 0; i < p; i++) {
      for (let j = i + 1; j < p; j++) {
        const aij = m[i * p + j]!;
        if (aij === 0) continue;
        const theta = (m[j * p + j]! - m[i * p + i]!) / (2 * aij);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < p; k++) {
          // Columns i and j, then rows i and j, rotated.
          const mki = m[k * p + i]!;
          const mkj = m[k * p + j]!;
          m[k * p + i] = c * mki - s * mkj;
          m[k * p + j] = s * mki + c * mkj;
        }
        for (let k = 0; k < p; k++) {
          const mik = m[i * p + k]!;
          const mjk = m[j * p + k]!;
          m[i * p + k] = c * mik - s * mjk;
          m[j * p + k] = s * mik + c * mjk;
        }
        for (let k = 0; k < p; k++) {
          const vki = v[k * p + i]!;
          const vkj = v[k * p + j]!;
          v[k * p + i] = c * vki - s * vkj;
          v[k * p + j] = s * vki + c * vkj;
        }
      }
    }
  }
  const values = new Float64Array(p);
  for (let i = 0; i < p; i++) values[i] = m[i * p + i]!;
  return { values, vectors: v };
}
