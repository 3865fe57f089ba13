// A second Binaryen inlining round over a built module, with a larger "always inline" size.
//
// Why: with the incremental GC, AssemblyScript's shadow-stack pass gives every function a prologue
// (stack-pointer bump, overflow check calling abort, spills of managed arguments). After it, even
// `Array#length` or `Array#__uget` is ~25 Binaryen size units and contains a call, so asc's own
// -O3 inlining limits (always ≤ 12; flexible ≤ 70 only for call-free functions) keep every such
// accessor an out-of-line call. Raising the always-inline size to 40 and re-running
// inlining-optimizing plus the default pipeline inlines them (measured in bench/README.md,
// "Build: second inlining round"). The passes are Binaryen's semantics-preserving optimizations and
// the feature set stays the one asc emits (Envoy's V8 accepts it; check-wasm-abi verifies imports).
// Runs in a child process (`reoptimize(path)` spawns it): loading Binaryen installs a process-wide
// uncaughtException handler that would print its whole minified source with any later build error.
import binaryen from "binaryen";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const ALWAYS_INLINE_MAX_SIZE = 40;

const self = fileURLToPath(import.meta.url);

export function reoptimize(path: string): void {
  const r = spawnSync(process.execPath, ["--import", "tsx", self, path], { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`Binaryen re-optimization of ${path} failed (exit ${r.status})`);
}

function reoptimizeInProcess(path: string): void {
  const module = binaryen.readBinary(readFileSync(path));
  try {
    module.setFeatures(binaryen.Features.SignExt | binaryen.Features.MutableGlobals | binaryen.Features.NontrappingFPToInt | binaryen.Features.BulkMemory);
    binaryen.setOptimizeLevel(3);
    binaryen.setShrinkLevel(0);
    binaryen.setAlwaysInlineMaxSize(ALWAYS_INLINE_MAX_SIZE);
    binaryen.setFlexibleInlineMaxSize(70);
    binaryen.setOneCallerInlineMaxSize(200);
    binaryen.setAllowInliningFunctionsWithLoops(true);
    module.runPasses(["inlining-optimizing"]);
    module.optimize();
    if (!module.validate()) throw new Error(`Binaryen re-optimization produced an invalid module from ${path}`);
    writeFileSync(path, module.emitBinary());
  } finally {
    module.dispose();
  }
}

if (process.argv[1] === self) reoptimizeInProcess(process.argv[2]);
