// Property test: the parser never traps on arbitrary input; every failure names a reason and a byte
// position inside the pattern; compileSet reports, never throws.
import { test } from "node:test";
import assert from "node:assert/strict";
import { RegexHarness } from "./harness.ts";
import { Rng } from "./gen.ts";

const h = await RegexHarness.load();
const PIECES = ["(", ")", "[", "]", "{", "}", "?", "*", "+", "|", "^", "$", ".", "\\", "-", "&&", "--", "~~", ":", "<", ">", "=", "!",
  "a", "b", "1", "9", ",", "é", "ж", " ", "#", "\n", "\\d", "\\p{", "\\P", "\\x", "\\u{", "(?", "(?i", "(?-u", "(?P<", "[:", "[^", "x", "{2,", "\\b", "\\k<"];

test("random patterns: parse never traps; errors carry a reason and an in-range byte position", () => {
  const r = new Rng(7);
  const enc = new TextEncoder();
  let errors = 0, ok = 0;
  for (let i = 0; i < 3000; i++) {
    let src = "";
    const n = 1 + r.int(12);
    for (let k = 0; k < n; k++) src += r.pick(PIECES);
    const out = h.parse(src);
    const m = / at byte (\d+)$/.exec(out);
    if (m) { // the debug form of a parsed pattern never contains " at byte" (spaces print as \x{20})
      errors++;
      const pos = Number(m[1]);
      assert.ok(pos >= 0 && pos <= enc.encode(src).length, `${JSON.stringify(src)} -> ${out}`);
      assert.ok(out.length > ` at byte ${pos}`.length + 3, `reason missing: ${out}`);
    } else ok++;
  }
  assert.ok(errors > 500 && ok > 200, `errors ${errors} ok ${ok}`);
});

test("compile reports bad patterns per index and keeps scanning with the good ones", () => {
  const errs = h.compile([{ source: "a(" }, { source: "b" }, { source: "[z-a]" }]);
  assert.deepEqual(errs, ["pattern 0: unclosed group at byte 1", "pattern 2: invalid range: start is greater than end at byte 1"]);
  const bytes = new TextEncoder().encode("abc b");
  h.setInput(bytes);
  assert.deepEqual(h.scan(bytes.length).map((m) => [m.pattern, m.start]), [[1, 1], [1, 4]]);
});
