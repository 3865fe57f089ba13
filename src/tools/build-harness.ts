// Builds a component's test/benchmark harness (assembly/<name>/harness.ts, configured by
// assembly/<name>/asconfig.json) into build/harness/<name>-harness[.debug].wasm, apart from the filter
// (build/*.wasm holds only the filter modules Envoy loads).
//   tsx src/tools/build-harness.ts <name> [--if-stale] [--debug]
// `--if-stale` rebuilds only when a source is newer than the output: any file under assembly/
// (harnesses import across components) or tests/assembly/<name>/.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reoptimize } from "./reoptimize.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

function newestSource(name: string): number {
  let newest = 0;
  const visit = (path: string): void => {
    if (!existsSync(path)) return;
    const st = statSync(path);
    if (st.isDirectory()) { for (const f of readdirSync(path)) visit(join(path, f)); return; }
    if (path.endsWith(".ts") || path.endsWith(".json")) newest = Math.max(newest, st.mtimeMs);
  };
  visit(join(root, "assembly"));
  visit(join(root, "tests", "assembly", name));
  return newest;
}

export function buildHarness(name: string, opts: { ifStale?: boolean; debug?: boolean } = {}): string {
  const config = join("assembly", name, "asconfig.json");
  if (!existsSync(join(root, config))) throw new Error(`no harness for '${name}': ${config} does not exist`);
  const out = join(root, "build", "harness", `${name}-harness${opts.debug ? ".debug" : ""}.wasm`);
  if (opts.ifStale && existsSync(out) && statSync(out).mtimeMs >= newestSource(name)) return out;
  const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
  const r = spawnSync(process.execPath, [asc, "--config", config, "--target", opts.debug ? "debug" : "release"], { cwd: root, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`asc failed for the ${name} harness (exit ${r.status})`);
  // release harnesses are what the benchmarks measure: same inlining as the filter
  if (!opts.debug) reoptimize(out);
  return out;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const name = args.find((a) => !a.startsWith("--"));
  if (!name) {
    console.error("usage: build-harness.ts <name> [--if-stale] [--debug]");
    process.exit(2);
  }
  console.log(buildHarness(name, { ifStale: args.includes("--if-stale"), debug: args.includes("--debug") }));
}
