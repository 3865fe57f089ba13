// One worker's VM of a plugin and the failure policy applied to new streams once that VM failed
// (abi-notes §8): FAIL_CLOSED answers 503 wasm_fail_stream, FAIL_OPEN skips the filter, FAIL_RELOAD
// builds a fresh VM (runtime errors only; at most once per backoff interval, base 1 s).
import type { RootContext } from "./context.ts";
import type { StreamTarget } from "./stream.ts";
import type { WasmVm } from "./vm.ts";

export type FailurePolicy = "FAIL_CLOSED" | "FAIL_OPEN" | "FAIL_RELOAD";

export const RELOAD_BACKOFF_MS = 1000;

export class Worker {
  vm: WasmVm | null = null;
  root: RootContext | null = null;
  /** Why the worker has no usable plugin (configure failure or trap), if so. */
  failure: string | null = null;
  /** Configure failures are not reloadable (Envoy falls back to fail closed for them). */
  failureIsRuntime = false;
  private lastReloadMs = -Infinity;
  reloads = 0;

  constructor(
    readonly index: number,
    private readonly build: (name: string) => { vm: WasmVm; root: RootContext | null; why?: string },
    private readonly policy: FailurePolicy,
    private readonly nowMs: () => number,
  ) {}

  get name(): string { return `worker-${this.index}`; }

  start(): void { this.adopt(this.build(this.reloads ? `${this.name}.reload-${this.reloads}` : this.name)); }

  private adopt(r: { vm: WasmVm; root: RootContext | null; why?: string }): void {
    this.vm = r.vm;
    this.root = r.root;
    this.failure = r.root ? null : r.why ?? "configuration failed";
    this.failureIsRuntime = false;
  }

  /** Where the next stream runs. */
  target(): StreamTarget {
    if (this.vm && this.root && !this.vm.failed) return { kind: "vm", vm: this.vm, root: this.root };
    if (this.vm?.failed && !this.failure) { this.failure = this.vm.failed; this.failureIsRuntime = true; }
    if (this.policy === "FAIL_OPEN") return { kind: "fail-open" };
    if (this.policy === "FAIL_RELOAD" && this.failureIsRuntime && this.nowMs() - this.lastReloadMs >= RELOAD_BACKOFF_MS) {
      this.lastReloadMs = this.nowMs();
      this.reloads++;
      this.vm?.retire();
      this.start();
      if (this.vm && this.root && !this.vm.failed) return { kind: "vm", vm: this.vm, root: this.root };
    }
    return { kind: "fail-closed", why: this.failure ?? "VM failed" };
  }
}
