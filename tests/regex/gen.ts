// Random regex generator for the differential test: emits the same pattern in Rust syntax (ours)
// and in JavaScript `v`-flag syntax (V8 reference). Constructs whose meaning differs between the two
// are avoided; each avoidance is listed in SEMANTIC_DIFFERENCES with its reason.
import { Rng } from "../support/rng.ts";
export const SEMANTIC_DIFFERENCES: Array<[string, string]> = [
  ["\\b / \\B are generated as (?-u:\\b) only", "JS \\b is ASCII-only (and under /i also counts U+017F, U+212A); Rust's default \\b is Unicode"],
  ["haystacks contain no \\r, U+2028, U+2029, U+017F, U+212A", "JS `.` and (?m) anchors also stop at \\r/U+2028/U+2029; JS /i word chars include U+017F and U+212A"],
  ["no repetition of a sub-pattern that can match empty", "ES RepeatMatcher rejects empty iterations; a Thompson NFA skips them, so priorities can differ"],
  ["(?i) only as a whole-pattern flag", "Node 20's V8 has no inline modifier groups; (?i) maps to the /i flag"],
  ["no invalid UTF-8 haystacks", "JS strings cannot hold invalid UTF-8; U+FFFD handling is covered by as-pect units"],
];

export { Rng };

export interface Gen { rust: string; js: string; nullable: boolean }

const LITS = ["a", "b", "c", "A", "1", "2", " ", "-", ".", "é", "ж", "€", "😀", "_"];
const CLASSES: Array<[string, string, boolean]> = [ // rust, js, negated (avoided under /i)
  ["[abc]", "[abc]", false], ["[a-c]", "[a-c]", false], ["[^a]", "[^a]", true], ["[^a-c1]", "[^a-c1]", true],
  ["\\d", "\\p{Nd}", false], ["\\D", "\\P{Nd}", true], ["\\s", "\\p{White_Space}", false], ["\\S", "\\P{White_Space}", true],
  ["\\w", "[\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]", false],
  ["\\W", "[^\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\p{Join_Control}]", true],
  [".", "[^\\n]", true], ["(?s:.)", "[\\s\\S]", false], ["[é-ж]", "[é-ж]", false], ["\\pL", "\\p{L}", false],
  ["[[:digit:]a]", "[0-9a]", false], ["[a-z&&[^b]]", "[[a-z]&&[^b]]", false], ["[a-c--b]", "[[a-c]--[b]]", false],
  ["(?-u:\\w)", "[0-9A-Za-z_]", false], ["\\p{Greek}", "\\p{Script=Greek}", false],
];

function escJs(c: string): string { return /[\^$\\.*+?()[\]{}|\/]/.test(c) ? "\\" + c : c; }
function escRust(c: string): string { return /[\^$\\.*+?()[\]{}|\-#&~]/.test(c) ? "\\" + c : c; }

export function genPattern(r: Rng, depth: number, ci: boolean): Gen {
  const k = r.int(depth > 2 ? 4 : 10);
  if (k <= 1) { const c = r.pick(LITS); return { rust: escRust(c), js: escJs(c), nullable: false }; }
  if (k <= 3) {
    let c = r.pick(CLASSES);
    while (ci && c[2]) c = r.pick(CLASSES);
    return { rust: c[0], js: c[1], nullable: false };
  }
  if (k == 4) { // concat
    const a = genPattern(r, depth + 1, ci), b = genPattern(r, depth + 1, ci);
    return { rust: a.rust + b.rust, js: a.js + b.js, nullable: a.nullable && b.nullable };
  }
  if (k == 5) { // alternation
    const a = genPattern(r, depth + 1, ci), b = genPattern(r, depth + 1, ci);
    return { rust: `(?:${a.rust}|${b.rust})`, js: `(?:${a.js}|${b.js})`, nullable: a.nullable || b.nullable };
  }
  if (k == 6 || k == 7) { // repetition
    const a = genPattern(r, depth + 1, ci);
    if (a.nullable) return a;
    const ops: Array<[string, boolean]> = [["*", true], ["+", false], ["?", true], ["{2}", false], ["{1,3}", false], ["{0,2}", true], ["{2,}", false]];
    const [op, nullable] = r.pick(ops);
    const lazy = r.int(3) == 0 ? "?" : "";
    return { rust: `(?:${a.rust})${op}${lazy}`, js: `(?:${a.js})${op}${lazy}`, nullable };
  }
  if (k == 8) { // capture group
    const a = genPattern(r, depth + 1, ci);
    return { rust: `(${a.rust})`, js: `(${a.js})`, nullable: a.nullable };
  }
  const looks: Array<[string, string]> = [["^", "^"], ["$", "$"], ["(?-u:\\b)", "\\b"], ["(?-u:\\B)", "\\B"], ["\\A", "^"], ["\\z", "$"]];
  if (ci) looks.splice(2, 2); // JS /i \b differs (U+017F, U+212A) — harmless here, but keep it simple
  const [lr, lj] = r.pick(looks);
  return { rust: lr, js: lj, nullable: true };
}

const HAY = ["a", "b", "c", "A", "B", "1", "2", "3", " ", "-", ".", "_", "é", "É", "ж", "Ж", "€", "😀", "\n", "x", "٣"];
export function genHaystack(r: Rng, maxLen: number): string {
  const n = r.int(maxLen + 1);
  let s = "";
  for (let i = 0; i < n; i++) s += r.pick(HAY);
  return s;
}

// JS reference: non-empty matches of `re` (global) as UTF-8 byte spans.
export function jsMatches(re: RegExp, s: string): Array<[number, number]> {
  const enc = new TextEncoder();
  const off: number[] = new Array(s.length + 1);
  let b = 0;
  for (let i = 0; i < s.length; ) {
    off[i] = b;
    const cp = s.codePointAt(i)!;
    const units = cp > 0xffff ? 2 : 1;
    if (units == 2) off[i + 1] = b;
    b += enc.encode(String.fromCodePoint(cp)).length;
    i += units;
  }
  off[s.length] = b;
  const out: Array<[number, number]> = [];
  for (const m of s.matchAll(re)) if (m[0].length) out.push([off[m.index!], off[m.index! + m[0].length]]);
  return out;
}
