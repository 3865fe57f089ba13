// Digit extraction shared by the numeric validators. Candidates come from the regex automaton
// as byte spans in linear memory; validators read them in place.

/**
 * Copies the ASCII digits of `[ptr, ptr+len)` into `out` (at most out.length) and returns how
 * many there were — or -1 if there were more than `out` holds, so a caller bounding the digit
 * count never reads a truncated number as a valid one.
 */
export function collectDigits(ptr: usize, len: i32, out: StaticArray<u8>): i32 {
  let n = 0;
  for (let i = 0; i < len; i++) {
    const c = <i32>load<u8>(ptr + <usize>i);
    if (c >= 48 && c <= 57) {
      if (n == out.length) return -1;
      unchecked(out[n++] = <u8>(c - 48));
    }
  }
  return n;
}

/** The number formed by digits[from, from+count) (count <= 9). */
export function digitsValue(digits: StaticArray<u8>, from: i32, count: i32): i32 {
  let v = 0;
  for (let i = 0; i < count; i++) v = v * 10 + <i32>unchecked(digits[from + i]);
  return v;
}
