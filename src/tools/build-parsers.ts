// Builds the body parsers' test/benchmark harness (assembly/parsers/harness.ts) into
// build/parsers-harness.wasm, apart from the filter. `--if-stale` rebuilds only when a source the
// harness compiles from is newer than the output; `--debug` builds the debug variant (asserts on).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
// Directories whose .ts files the harness compiles from.
const SOURCES = ["assembly/parsers", "assembly/pipeline", "assembly/policy", "tests/assembly/parsers"];

function newestSource(): number {
  let newest = 0;
  for (const dir of SOURCES) {
    const abs = join(root, dir);
    if (!existsSync(abs)) continue;
    for (const f of readdirSync(abs)) if (f.endsWith(".ts") || f.endsWith(".json")) newest = Math.max(newest, statSync(join(abs, f)).mtimeMs);
  }
  return newest;
}

export function buildParsersHarness(opts: { ifStale?: boolean; debug?: boolean } = {}): string {
  const target = opts.debug ? "debug" : "release";
  const out = join(root, "build", `parsers-harness${opts.debug ? ".debug" : ""}.wasm`);
  if (opts.ifStale && existsSync(out) && statSync(out).mtimeMs >= newestSource()) return out;
  const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
  const r = spawnSync(process.execPath, [asc, "--config", "assembly/parsers/asconfig.json", "--target", target], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`asc failed building the parsers harness (exit ${r.status})`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  console.log(buildParsersHarness({ ifStale: args.includes("--if-stale"), debug: args.includes("--debug") }));
}
