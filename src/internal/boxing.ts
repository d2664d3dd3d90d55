// How numbers are stored in the millions of objects a summary or a score returns. V8 keeps a small integer
// inside the object; any other number read from a typed array gets a heap box of its own: an allocation,
// and one more object for every later garbage collection to mark.

/** `v` as a small integer when it is one (stored unboxed), else `v` unchanged (−0 becomes 0). */
export function small(v: number): number {
  return (v | 0) === v ? v | 0 : v;
}

/**
 * An array of `m` slots for numbers, set up as an array of doubles: V8 otherwise starts it as small
 * integers and converts the whole backing store when the first fraction arrives, which doubled the cost
 * of filling a million-row column.
 */
export function doubleColumn(m: number): number[] {
  const out = new Array<number>(m);
  if (m > 0) out[0] = 0.5;
  return out;
}
