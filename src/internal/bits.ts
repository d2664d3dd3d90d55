// Bitmaps over non-negative integers, as Uint32Array words: bit x is bit (x & 31) of word x >>> 5.

/** `bits` copied into a bitmap doubled in length until word `word` fits. */
export function grownBits(bits: Uint32Array, word: number): Uint32Array<ArrayBuffer> {
  let len = Math.max(1, bits.length);
  while (len <= word) len *= 2;
  const out = new Uint32Array(len);
  out.set(bits);
  return out;
}

/** The number of set bits. */
export function countBits(bits: Uint32Array): number {
  let count = 0;
  for (let w = 0; w < bits.length; w++) {
    let v = bits[w]!;
    v -= (v >>> 1) & 0x55555555;
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    count += (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
  }
  return count;
}
