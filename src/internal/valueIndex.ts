// Distinct numbers in first-seen order, found by an open-addressing table on their bits: a Map of numbers
// costs several times more per lookup, and the fits index millions of frequencies and ages per call.
//
// Stable internal API (not re-exported from the package):
//   new ValueIndex() · indexOf(v, list) → position of v in list (appended when new)

/** A set of numbers (−0 and 0 are one, as in a Map) giving each its first-seen position. */
export class ValueIndex {
  private keys = new Float64Array(64);
  private at = new Int32Array(64).fill(-1);
  private mask = 63;
  private size = 0;
  private readonly cell = new Float64Array(1);
  private readonly words = new Int32Array(this.cell.buffer);

  /** The position of `v` in `list` (the list this index has filled), appending `v` when it is new. */
  indexOf(v: number, list: number[]): number {
    const x = v === 0 ? 0 : v;
    let s = this.slot(x);
    for (;;) {
      const a = this.at[s]!;
      if (a < 0) break;
      if (this.keys[s] === x) return a;
      s = (s + 1) & this.mask;
    }
    const a = list.length;
    list.push(v);
    this.keys[s] = x;
    this.at[s] = a;
    if (++this.size * 2 > this.mask) this.grow();
    return a;
  }

  private slot(x: number): number {
    this.cell[0] = x;
    let h = Math.imul(this.words[0]! ^ Math.imul(this.words[1]!, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return Math.imul(h, 0xc2b2ae35) >>> 0 & this.mask;
  }

  private grow(): void {
    const { keys, at } = this;
    const cap = 2 * (this.mask + 1);
    this.keys = new Float64Array(cap);
    this.at = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    for (let o = 0; o < at.length; o++) {
      if (at[o]! < 0) continue;
      let s = this.slot(keys[o]!);
      while (this.at[s]! >= 0) s = (s + 1) & this.mask;
      this.keys[s] = keys[o]!;
      this.at[s] = at[o]!;
    }
  }
}
