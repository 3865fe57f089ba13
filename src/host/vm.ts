// One VM instance of a module (Envoy runs a base VM, a canary per plugin config and one clone per
// worker; they share nothing but shared data/queues and stats). Owns the instance, the per-VM
// context-id counter, metric ids, callout tokens and timers, and runs every host->guest call:
//  - the current context and effective context for host functions (cpp-host ContextBase),
//  - restrictions: start section (no context at all), start functions and malloc (allowed lists),
//  - traps: any exception out of the guest fails this VM (`Function: <export> failed: <message>`),
//  - deferred actions: continue/close/local reply run after the callback returns (Envoy defers them).
import type { EnvoyVersion } from "./abi/envoy-abi.ts";
import { allowedDuringMalloc, allowedDuringStart } from "./abi-table.ts";
import { CalloutManager } from "./callouts.ts";
import { RootContext, StreamContext, type Context, type StreamBinding } from "./context.ts";
import { HostTrap, LinkError } from "./errors.ts";
import { createHostFunctions } from "./host-functions/index.ts";
import type { LinkPlan } from "./linker.ts";
import { logPrefix } from "./log.ts";
import { GuestMemory } from "./memory.ts";
import { MetricTable } from "./metrics.ts";
import type { VmServices } from "./services.ts";

export const FAILED: unique symbol = Symbol("vm call failed");
export type CallResult = number | undefined | typeof FAILED;

type Mode = "start-section" | "start" | "malloc" | "normal";
type GuestFn = (...args: unknown[]) => unknown;

export class WasmVm {
  readonly memory: GuestMemory;
  readonly metrics: MetricTable;
  readonly callouts: CalloutManager;
  readonly contexts = new Map<number, Context>();
  failed: string | null = null;
  /** A discarded VM (base VM, canary, replaced or closed worker): it is never called again. */
  retired = false;
  private mode: Mode = "start-section";
  private modeWhat = "";
  private nextContextId = 1;
  private current: Context | null = null;
  private effective: Context | null = null;
  private deferred: (() => void)[] = [];
  private readonly exportsMap: Record<string, unknown>;

  /** Instantiates and runs the start functions; throws LinkError (Envoy refuses the module) on failure. */
  constructor(module: WebAssembly.Module, readonly plan: LinkPlan, readonly services: VmServices, readonly name: string) {
    this.metrics = new MetricTable(services.stats);
    this.memory = new GuestMemory((size) => this.alloc(size));
    this.callouts = new CalloutManager(this);
    const host = createHostFunctions(this);
    const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
    let importedMemory: WebAssembly.Memory | undefined;
    for (const imp of plan.info.imports) {
      const mod = (imports[imp.module] ??= {});
      const d = imp.desc;
      if (d.kind === "memory") {
        importedMemory = new WebAssembly.Memory(d.max === undefined ? { initial: d.min } : { initial: d.min, maximum: d.max });
        mod[imp.name] = importedMemory;
      } else if (d.kind === "table") {
        mod[imp.name] = new WebAssembly.Table(d.max === undefined ? { element: "anyfunc", initial: d.min } : { element: "anyfunc", initial: d.min, maximum: d.max });
      } else if (d.kind === "func") {
        const fn = (imp.module === "env" ? host.env : host.wasi)[imp.name];
        if (!fn) throw new LinkError([`Failed to load Wasm module due to a missing import: ${imp.module}.${imp.name} (no host implementation)`]);
        mod[imp.name] = this.guard(`${imp.module}.${imp.name}`, imp.name, fn);
      }
    }
    let instance: WebAssembly.Instance;
    this.mode = "start-section";
    try {
      instance = new WebAssembly.Instance(module, imports as WebAssembly.Imports);
    } catch (e) {
      // A trap in the start section fails instantiation (cpp-host: "Failed to create new Wasm instance").
      throw new LinkError([`Failed to create new Wasm instance: the wasm start section (${plan.info.startFunctionName ?? `function ${plan.info.startFunction}`}) trapped: ${describe(e)}`]);
    }
    this.exportsMap = instance.exports as Record<string, unknown>;
    const mem = (instance.exports.memory as WebAssembly.Memory | undefined) ?? importedMemory
      ?? (Object.values(instance.exports).find((v) => v instanceof WebAssembly.Memory) as WebAssembly.Memory | undefined);
    if (!mem) throw new LinkError(["Wasm module is missing a linear memory: it must export (or import) one"]);
    this.memory.attach(mem);

    // Start functions run with the VM context (id 0) and only the host calls Envoy allows at start.
    this.mode = "start";
    for (const call of plan.startCalls) {
      this.modeWhat = call.name;
      const r = this.invoke(null, call.name, call.args);
      if (r === FAILED) throw new LinkError([`Failed to initialize Wasm code: ${this.failed}`]);
    }
    this.mode = "normal";
  }

  get envoy(): EnvoyVersion { return this.services.envoy; }
  get abi(): LinkPlan["abi"] { return this.plan.abi; }
  hasExport(name: string): boolean { return typeof this.exportsMap[name] === "function"; }

  /** The context host functions act on: the effective context if set, else the current one (null = VM context). */
  context(): Context | null { return this.effective ?? this.current; }
  setEffectiveContext(id: number): boolean {
    const c = this.contexts.get(id);
    if (!c) return false;
    this.effective = c;
    return true;
  }

  private guard(qualified: string, bare: string, fn: GuestFn): GuestFn {
    return (...args: unknown[]) => {
      if (this.mode === "start-section") {
        // Envoy runs the start section before any context exists; host code dereferences a null context.
        throw new HostTrap(`host call ${qualified} from the wasm start section: Envoy has no context there (null context dereference); move it out of top-level code or build with --exportStart _initialize`);
      }
      if (this.mode === "start" && !allowedDuringStart(this.envoy, bare)) {
        throw new HostTrap(`restricted_callback: ${qualified} is not allowed during ${this.modeWhat} (Envoy ${this.envoy} allows only proxy_log and a few WASI calls there; define metrics/timers in proxy_on_vm_start or proxy_on_configure)`);
      }
      if (this.mode === "malloc" && !allowedDuringMalloc(this.envoy, bare)) {
        throw new HostTrap(`restricted_callback: ${qualified} is not allowed during ${this.plan.allocator} (only proxy_log, fd_write and clock_time_get are)`);
      }
      return fn(...args);
    };
  }

  /** Calls the guest allocator with the VM context under the malloc restriction. A trap propagates. */
  private alloc(size: number): number {
    const fn = this.exportsMap[this.plan.allocator] as GuestFn;
    const saved = { mode: this.mode, current: this.current, effective: this.effective };
    this.mode = "malloc"; this.current = null; this.effective = null;
    try {
      return Number(fn(size)) >>> 0;
    } finally {
      this.mode = saved.mode; this.current = saved.current; this.effective = saved.effective;
    }
  }

  /** Low-level call: sets current context, catches traps (failing the VM). */
  private invoke(ctx: Context | null, name: string, args: readonly number[]): CallResult {
    if (this.failed) return FAILED;
    if (this.retired) return undefined;
    const fn = this.exportsMap[name];
    if (typeof fn !== "function") return undefined; // callbacks that are not exported are skipped
    const saved = { current: this.current, effective: this.effective };
    this.current = ctx; this.effective = null;
    try {
      const r = (fn as GuestFn)(...args);
      return typeof r === "number" ? r >>> 0 : typeof r === "bigint" ? Number(r) : undefined;
    } catch (e) {
      this.fail(name, e);
      return FAILED;
    } finally {
      this.current = saved.current; this.effective = saved.effective;
    }
  }

  /** Calls a callback export with a context; the caller flushes deferred actions when appropriate. */
  call(ctx: Context | null, name: string, ...args: number[]): CallResult {
    return this.invoke(ctx, name, args);
  }

  /** Calls a callback and then runs the actions it deferred (for callbacks with no status to process). */
  callAndFlush(ctx: Context | null, name: string, ...args: number[]): CallResult {
    const r = this.invoke(ctx, name, args);
    this.flush();
    return r;
  }

  defer(action: () => void): void { this.deferred.push(action); }

  flush(): void {
    while (this.deferred.length) this.deferred.shift()!();
  }

  /** Marks the VM failed like cpp-host fail(RuntimeError, "Function: X failed: ..."). */
  fail(exportName: string, error: unknown): void {
    if (this.failed) return;
    this.failed = `Function: ${exportName} failed: ${describe(error)}`;
    this.services.logs.emit(4, "host", this.failed, this.failed, this.name);
    this.deferred = [];
    this.shutdownAsync();
    this.services.vmFailed(this, this.failed);
  }

  /** Discards the VM: no callback will run in it any more (late queue notifications are dropped). */
  retire(): void {
    this.retired = true;
    this.shutdownAsync();
  }

  /** Stops timers and drops outstanding callouts. */
  shutdownAsync(): void {
    for (const c of this.contexts.values()) if (c.kind === "root" && c.timer) { c.timer.cancel(); c.timer = null; }
    this.callouts.dropAll();
  }

  allocateContextId(): number { return this.nextContextId++; }

  /** Envoy's root sequence: on_context_create(root, 0) -> on_vm_start -> on_configure. */
  startRootContext(configuration: Buffer): { root: RootContext; ok: boolean; why?: string } {
    const root = new RootContext(this.allocateContextId(), this, configuration);
    this.contexts.set(root.id, root);
    const fail = (why: string) => ({ root, ok: false, why });
    if (this.callAndFlush(root, "proxy_on_context_create", root.id, 0) === FAILED) return fail(this.failed!);
    const started = this.callAndFlush(root, "proxy_on_vm_start", root.id, this.services.vmConfiguration.length);
    if (started === FAILED) return fail(this.failed!);
    if (started === 0) return fail(`proxy_on_vm_start(${root.id}) returned false (Envoy: start failed)`);
    root.configVisible = true;
    let configured: CallResult;
    try {
      configured = this.call(root, "proxy_on_configure", root.id, configuration.length);
    } finally {
      root.configVisible = false;
    }
    this.flush();
    if (configured === FAILED) return fail(this.failed!);
    if (configured === 0) return fail(`proxy_on_configure(${root.id}) returned false (Envoy: configuration rejected)`);
    return { root, ok: true };
  }

  /** proxy_on_done(root) then proxy_on_delete unless the module asks to finish later via proxy_done(). */
  stopRootContext(root: RootContext): void {
    if (root.timer) { root.timer.cancel(); root.timer = null; }
    root.tickPeriodMs = 0;
    const done = this.callAndFlush(root, "proxy_on_done", root.id);
    if (done === 0) { root.awaitingDone = true; return; }
    this.deleteContext(root);
  }

  deleteContext(ctx: Context): void {
    if (!this.contexts.has(ctx.id)) return;
    this.callAndFlush(ctx, "proxy_on_delete", ctx.id);
    this.contexts.delete(ctx.id);
  }

  /** Creates a stream context: proxy_on_context_create(id, root id). */
  createStreamContext(root: RootContext, binding: StreamBinding): StreamContext | null {
    const ctx = new StreamContext(this.allocateContextId(), this, root, binding);
    this.contexts.set(ctx.id, ctx);
    return this.callAndFlush(ctx, "proxy_on_context_create", ctx.id, root.id) === FAILED ? null : ctx;
  }

  /** Emits a module log line with Envoy's `wasm log<prefix>: <msg>` shape for the current context. */
  logFromGuest(level: number, message: string): void {
    const ctx = this.context();
    const kind = ctx === null ? "vm" : ctx.kind;
    this.services.logs.emit(level, "wasm", message, `wasm log${logPrefix(kind, this.services.plugin)}: ${message}`, this.name, ctx?.id ?? 0);
  }

  hostLog(level: number, message: string): void {
    this.services.logs.emit(level, "host", message, message, this.name);
  }
}

export function describe(e: unknown): string {
  if (e instanceof HostTrap) return e.message;
  if (e instanceof Error) return `Uncaught ${e.name}: ${e.message}`;
  return `Uncaught ${String(e)}`;
}
