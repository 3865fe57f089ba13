// Builds the filter module. `--if-stale` skips a target whose output is newer than every
// AssemblyScript source, asconfig.json, the runtime patch and package-lock.json, so
// `npm test` and `npm start` rebuild only after a change.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reoptimize } from "./reoptimize.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const targets: Record<string, string> = { release: "build/leakscope.wasm", debug: "build/leakscope.debug.wasm" };

function newestInput(): number {
  let newest = 0;
  const visit = (path: string): void => {
    const st = statSync(path);
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else if (path.endsWith(".ts") || path.endsWith(".json") || path.endsWith(".patch")) newest = Math.max(newest, st.mtimeMs);
  };
  for (const input of ["assembly", "asconfig.json", "patches", "package-lock.json", "src/tools/reoptimize.ts"]) {
    const path = join(root, input);
    if (existsSync(path)) visit(path);
  }
  return newest;
}

export function buildFilter(options: { ifStale: boolean; targets: string[] }): void {
  const inputsTime = options.ifStale ? newestInput() : Infinity;
  for (const target of options.targets) {
    const out = targets[target];
    if (!out) throw new Error(`unknown build target '${target}' (known: ${Object.keys(targets).join(", ")})`);
    const outPath = join(root, out);
    if (options.ifStale && existsSync(outPath) && statSync(outPath).mtimeMs >= inputsTime) continue;
    const asc = join(root, "node_modules", "assemblyscript", "bin", "asc.js");
    const result = spawnSync(process.execPath, [asc, "assembly/index.ts", "--target", target], { cwd: root, stdio: "inherit" });
    if (result.status !== 0) throw new Error(`asc failed for target ${target} (exit ${result.status})`);
    if (target === "release") reoptimize(outPath);
    console.log(`built ${out}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const named = args.filter((a) => !a.startsWith("--"));
  try {
    buildFilter({ ifStale: args.includes("--if-stale"), targets: named.length ? named : ["release", "debug"] });
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
}
