// The second half of the error_text signatures that need one (spec §3.3): "then within N
// bytes …". The automaton matches only the first half; these read forward from its end.
// Expressing the gap as a bounded repeat inside the automaton (`(?s:.){0,500}?`) multiplies
// the DFA's states by the gap length for every other pattern it is combined with.
//
// Each returns the number of bytes after `ptr` the whole signature covers, or -1.

export const JS_FOLLOW_BYTES = 200;
export const GO_FOLLOW_BYTES = 500;
export const PHP_LINE_BYTES = 300;

@inline function at(ptr: usize, i: i32): i32 { return <i32>load<u8>(ptr + <usize>i); }
@inline function isSpace(c: i32): bool { return c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d || c == 0x0b || c == 0x0c; }
@inline function isDigit(c: i32): bool { return c >= 48 && c <= 57; }

function startsWith(ptr: usize, avail: i32, i: i32, text: string): bool {
  if (i + text.length > avail) return false;
  for (let k = 0; k < text.length; k++) if (at(ptr, i + k) != text.charCodeAt(k)) return false;
  return true;
}

/** js_error: within 200 bytes, a line break, white space, then `at ` (a stack frame). */
export function jsErrorFollow(ptr: usize, avail: i32): i32 {
  const limit = min(avail, JS_FOLLOW_BYTES);
  for (let i = 0; i < limit; i++) {
    if (at(ptr, i) != 0x0a) continue;
    let j = i + 1;
    const spaceStart = j;
    while (j < avail && isSpace(at(ptr, j))) j++;
    if (j > spaceStart && startsWith(ptr, avail, j, "at ")) return j + 3;
  }
  return -1;
}

/** go_error: within 500 bytes, `goroutine <n> [`. */
export function goErrorFollow(ptr: usize, avail: i32): i32 {
  const limit = min(avail, GO_FOLLOW_BYTES);
  for (let i = 0; i < limit; i++) {
    if (!startsWith(ptr, avail, i, "goroutine ")) continue;
    let j = i + 10;
    const digits = j;
    while (j < avail && isDigit(at(ptr, j))) j++;
    if (j > digits && startsWith(ptr, avail, j, " [")) return j + 2;
  }
  return -1;
}

/**
 * php_error: after `Fatal error: ` (or Parse error / Warning), 1–300 characters of the same
 * line, then ` in <file>.php on line <n>`. The last such tail on the line wins, as with the
 * greedy `.{1,300}`.
 */
export function phpErrorFollow(ptr: usize, avail: i32): i32 {
  let best = -1;
  const limit = min(avail, PHP_LINE_BYTES + 1 + 4096);
  for (let i = 1; i < limit; i++) {
    const c = at(ptr, i);
    if (c == 0x0a) break;
    if (i > PHP_LINE_BYTES + 1 || !startsWith(ptr, avail, i, " in ")) continue;
    // <file> is non-space up to ".php on line "
    let j = i + 4;
    const fileStart = j;
    while (j < avail && !isSpace(at(ptr, j))) j++;
    if (j - fileStart < 5 || !startsWith(ptr, avail, j - 4, ".php") || !startsWith(ptr, avail, j, " on line ")) continue;
    let k = j + 9;
    const digits = k;
    while (k < avail && isDigit(at(ptr, k))) k++;
    if (k > digits) best = k;
  }
  return best;
}
