// Compile-time breakdown per pattern (ms, median of 7): `npx tsx bench/regex-compile.mts`
import { RegexHarness } from "../tests/regex/harness.ts";
import { readFileSync } from "node:fs";
const pats = readFileSync(new URL("../../shared/data/leaksignal-example-patterns.tsv", import.meta.url), "utf8").split("\n").filter((l) => l.trim() && !l.startsWith("#")).map((l) => l.split("\t"));
const h = await RegexHarness.load();
const med = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1];
for (const [id, kind, src] of pats) {
  const t: number[] = [];
  for (let i = 0; i < 7; i++) { const a = performance.now(); h.compile([{ source: src, kind: kind === "literal" ? 1 : 0 }]); t.push(performance.now() - a); }
  console.log(id.padEnd(24), med(t).toFixed(2));
}
for (const probe of ["a", "\\d", "\\w", "(?i)k", "."]) {
  const t: number[] = [];
  for (let i = 0; i < 7; i++) { const a = performance.now(); h.compile([{ source: probe }]); t.push(performance.now() - a); }
  console.log(("probe " + probe).padEnd(24), med(t).toFixed(2));
}
