// Builds the codec test/benchmark harness (assembly/codec/harness.ts) to
// build/codec-harness.wasm, separately from the filter. `--if-stale` skips the build when the
// output is newer than every file in assembly/codec/. `--debug` builds the debug variant.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

export function buildCodecHarness(opts: { ifStale?: boolean; debug?: boolean } = {}): string {
  const target = opts.debug ? "debug" : "release";
  const out = join(root, "build", opts.debug ? "codec-harness.debug.wasm" : "codec-harness.wasm");
  if (opts.ifStale && existsSync(out)) {
    const dir = join(root, "assembly", "codec");
    const newest = Math.max(...readdirSync(dir).map((f) => statSync(join(dir, f)).mtimeMs));
    if (statSync(out).mtimeMs >= newest) return out;
  }
  const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
  const r = spawnSync(process.execPath, [asc, "--config", "assembly/codec/asconfig.json", "--target", target], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`asc failed for the codec harness (exit ${r.status})`);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  console.log(buildCodecHarness({ ifStale: args.includes("--if-stale"), debug: args.includes("--debug") }));
}
