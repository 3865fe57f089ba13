// Runs every tests/**/*.test.ts with node:test (Node 20 does not expand globs for --test).
// Extra arguments filter test files by substring, e.g. `npm run test:node -- host`.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const filters = process.argv.slice(2);
const files: string[] = [];
const visit = (dir: string): void => {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) { if (name !== "assembly" && name !== "node_modules") visit(path); }
    else if (name.endsWith(".test.ts")) files.push(relative(root, path));
  }
};
visit(join(root, "tests"));
const selected = filters.length ? files.filter((f) => filters.some((s) => f.includes(s))) : files;
if (selected.length === 0) {
  console.error(`no test files match ${filters.join(" ")}`);
  process.exit(1);
}
const result = spawnSync(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...selected], { cwd: root, stdio: "inherit" });
process.exit(result.status ?? 1);
