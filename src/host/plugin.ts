// A loaded plugin: the module linked once, Envoy's base VM, a throw-away canary per plugin config,
// one VM per worker, shared stats/logs, and the Node API (streams, exchanges, reconfigure, timers).
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { EnvoyVersion } from "./abi/envoy-abi.ts";
import { ManualClock, SystemClock, type Clock } from "./clock.ts";
import { ConfigureError, LinkError } from "./errors.ts";
import { runExchange, type ExchangeResult, type ExchangeSpec } from "./exchange.ts";
import { linkModule, type LinkPlan } from "./linker.ts";
import { levelNumber, LogSink, type LogLevelName, type LogRecord } from "./log.ts";
import { StatsStore } from "./metrics.ts";
import { renderPrometheus, renderText, type StatsTag } from "./prometheus.ts";
import type { CalloutRecord, VmServices, XdsInfo } from "./services.ts";
import { processSharedState, type SharedState } from "./shared-data.ts";
import { HttpStream, type StreamSink } from "./stream.ts";
import type { StreamProperties } from "./stream-properties.ts";
import { NoClustersTransport, type CalloutTransport } from "./transport.ts";
import { WasmVm } from "./vm.ts";
import { Worker, type FailurePolicy } from "./worker.ts";

export const DEFAULT_WASM_PATH = fileURLToPath(new URL("../../build/leakscope.wasm", import.meta.url));
export const DEFAULT_BUFFER_LIMIT = 1024 * 1024; // Envoy per_connection_buffer_limit_bytes default

export interface PluginOptions {
  /** Path or bytes of the module; default build/leakscope.wasm. */
  wasm?: string | Uint8Array;
  /** Plugin configuration (PluginConfiguration buffer, readable during proxy_on_configure). */
  configuration?: string;
  /** VM configuration (VmConfiguration buffer, proxy_on_vm_start size). */
  vmConfiguration?: string;
  /** PluginConfig.name: log prefix and plugin_name property (default "leakscope"). */
  name?: string;
  /** PluginConfig.root_id (default "leakscope"). */
  rootId?: string;
  /** vm_config.vm_id (default ""): shared data/queue namespace. */
  vmId?: string;
  /** Target Envoy release: decides the import table and restrictions (default "1.28"). */
  envoyVersion?: EnvoyVersion;
  /** Worker VMs (Envoy --concurrency); streams are spread round-robin (default 1). */
  workers?: number;
  failurePolicy?: FailurePolicy;
  /** Legacy PluginConfig.fail_open: an in-flight stream whose VM fails continues without the filter. */
  failOpen?: boolean;
  /** Bootstrap stats_config.stats_tags used for /stats/prometheus. */
  statsTags?: StatsTag[];
  /** vm_config.environment_variables (key_values), served through WASI environ_*. */
  env?: Record<string, string>;
  /** Level of Envoy's `wasm` logger (default "info"). */
  logLevel?: LogLevelName;
  onLog?: (record: LogRecord) => void;
  clock?: Clock;
  transport?: CalloutTransport;
  perConnectionBufferLimitBytes?: number;
  /** PluginConfig.allow_on_headers_stop_iteration (Envoy >= 1.35). */
  allowOnHeadersStopIteration?: boolean;
  /** xds.* properties (node id/cluster/metadata, cluster/route names, listener direction). */
  xds?: XdsInfo;
  /** Shared data/queue store (default: one per process, like Envoy). */
  sharedState?: SharedState;
}

export interface PluginStats {
  /** /stats/prometheus text. */
  prometheus(): string;
  /** /stats text (`wasmcustom.x: 3`). */
  text(): string;
  /** Counter or gauge value by metric name (`x` or `wasmcustom.x`); undefined if absent or a histogram. */
  value(name: string): number | undefined;
  /** Recorded samples of a histogram. */
  samples(name: string): number[] | undefined;
}

export class Plugin {
  readonly logs: LogRecord[];
  readonly callouts: CalloutRecord[] = [];
  readonly stats: PluginStats;
  readonly clock: Clock;
  private readonly workers: Worker[] = [];
  private readonly pending = new Set<Promise<unknown>>();
  private readonly sink: LogSink;
  private readonly store = new StatsStore();
  private readonly services: VmServices;
  private configuration: Buffer;
  private nextStream = 0;
  private canaries = 0;
  private closed = false;

  private constructor(private readonly module: WebAssembly.Module, readonly plan: LinkPlan, private readonly options: PluginOptions) {
    this.clock = options.clock ?? new SystemClock();
    this.sink = new LogSink(levelNumber(options.logLevel ?? "info"), () => this.clock.nowMs(), options.onLog);
    this.logs = this.sink.records;
    this.configuration = Buffer.from(options.configuration ?? "");
    const statsTags = options.statsTags ?? [];
    this.stats = {
      prometheus: () => renderPrometheus(this.store, statsTags),
      text: () => renderText(this.store),
      value: (n) => {
        const s = this.store.get(n.startsWith("wasmcustom.") ? n : `wasmcustom.${n}`);
        return !s || s.kind === "histogram" ? undefined : Number(s.value);
      },
      samples: (n) => {
        const s = this.store.get(n.startsWith("wasmcustom.") ? n : `wasmcustom.${n}`);
        return s?.kind === "histogram" ? [...s.samples] : undefined;
      },
    };
    this.services = {
      envoy: options.envoyVersion ?? "1.28",
      plugin: { name: options.name ?? "leakscope", rootId: options.rootId ?? "leakscope", vmId: options.vmId ?? "" },
      vmConfiguration: Buffer.from(options.vmConfiguration ?? ""),
      logs: this.sink,
      stats: this.store,
      clock: this.clock,
      shared: options.sharedState ?? processSharedState,
      transport: options.transport ?? new NoClustersTransport(),
      env: options.env ?? {},
      xds: options.xds ?? {},
      track: (p) => { this.pending.add(p); void p.finally(() => this.pending.delete(p)); },
      recordCallout: (r) => { this.callouts.push(r); },
      vmFailed: () => undefined, // workers notice through vm.failed; the trap is already logged
    };
  }

  /** Links, starts the base VM and a canary, then the worker VMs. Throws LinkError / ConfigureError. */
  static async load(options: PluginOptions = {}): Promise<Plugin> {
    const wasm = options.wasm ?? DEFAULT_WASM_PATH;
    const bytes = typeof wasm === "string" ? new Uint8Array(await readFile(wasm)) : wasm;
    const envoy = options.envoyVersion ?? "1.28";
    const plan = linkModule(bytes, envoy);
    let module: WebAssembly.Module;
    try {
      module = new WebAssembly.Module(new Uint8Array(bytes));
    } catch (e) {
      throw new LinkError([`Failed to load Wasm code: ${(e as Error).message}`]);
    }
    const plugin = new Plugin(module, plan, options);
    plugin.boot();
    return plugin;
  }

  private boot(): void {
    // Envoy's base VM on the main thread only runs the start functions.
    new WasmVm(this.module, this.plan, this.services, "base").retire();
    const canary = this.runCanary(this.configuration);
    if (!canary.ok) throw new ConfigureError(`Unable to create Wasm HTTP filter ${this.services.plugin.name}: ${canary.why}`, canary.errors);
    const n = Math.max(1, Math.floor(this.options.workers ?? 1));
    for (let i = 0; i < n; i++) {
      const w = new Worker(i, (name) => this.buildWorkerVm(name), this.options.failurePolicy ?? "FAIL_CLOSED", () => this.clock.nowMs());
      w.start();
      this.workers.push(w);
    }
  }

  private buildWorkerVm(name: string): { vm: WasmVm; root: ReturnType<WasmVm["startRootContext"]>["root"] | null; why?: string } {
    const vm = new WasmVm(this.module, this.plan, this.services, name);
    const r = vm.startRootContext(this.configuration);
    if (!r.ok) this.sink.emit(4, "host", `Wasm VM ${name} failed to configure: ${r.why}`, `Wasm VM ${name} failed to configure: ${r.why}`, name);
    return r.ok ? { vm, root: r.root } : { vm, root: null, why: r.why! };
  }

  /** Envoy's canary: a fresh clone runs the root sequence for a new config and is then discarded
   * without proxy_on_done/proxy_on_delete. */
  private runCanary(configuration: Buffer): { ok: boolean; why?: string; errors: string[] } {
    const errors: string[] = [];
    this.sink.capture = errors;
    try {
      const vm = new WasmVm(this.module, this.plan, this.services, `canary-${++this.canaries}`);
      const r = vm.startRootContext(configuration);
      vm.retire();
      return r.ok ? { ok: true, errors } : { ok: false, why: r.why!, errors };
    } catch (e) {
      if (e instanceof LinkError) return { ok: false, why: e.problems.join("; "), errors };
      throw e;
    } finally {
      this.sink.capture = null;
    }
  }

  /** An ECDS update: the canary runs first; if it fails the update is rejected and the previous
   * configuration stays active. Otherwise every worker gets a new root context with the new config
   * (full sequence including proxy_on_vm_start) and the old root context is stopped. */
  reconfigure(configuration: string): boolean {
    const cfg = Buffer.from(configuration);
    const canary = this.runCanary(cfg);
    if (!canary.ok) {
      const msg = `Unable to create Wasm HTTP filter ${this.services.plugin.name}: configuration update rejected, previous configuration stays active: ${canary.why}`;
      this.sink.emit(4, "host", msg, msg, "main");
      return false;
    }
    this.configuration = cfg;
    for (const w of this.workers) {
      if (!w.vm || w.vm.failed) { w.vm?.retire(); w.start(); continue; }
      const old = w.root;
      const r = w.vm.startRootContext(cfg);
      if (r.ok) { w.root = r.root; w.failure = null; } else { w.root = null; w.failure = r.why!; }
      if (old && !w.vm.failed) w.vm.stopRootContext(old);
    }
    return true;
  }

  /** A new HTTP stream on the next worker (round-robin). Outputs go to `sink`. */
  newStream(properties: StreamProperties = {}, sink: StreamSink = {}): HttpStream {
    if (this.closed) throw new Error("Plugin.newStream: the plugin is closed");
    const worker = this.workers[this.nextStream++ % this.workers.length]!;
    return new HttpStream(() => worker.target(), sink, {
      allowOnHeadersStopIteration: this.options.allowOnHeadersStopIteration ?? false,
      bufferLimitBytes: this.options.perConnectionBufferLimitBytes ?? DEFAULT_BUFFER_LIMIT,
      failOpen: this.options.failOpen ?? false,
    }, properties, () => this.clock.nowNs());
  }

  /** Sends one HTTP exchange through the filter and reports what Envoy would have done. */
  exchange(spec: ExchangeSpec): Promise<ExchangeResult> {
    return runExchange(this, spec);
  }

  /** Number of callouts/queue notifications still in flight. */
  get inFlight(): number { return this.pending.size; }

  /** Waits until no callout or queue notification is in flight. */
  async settle(): Promise<void> {
    for (;;) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.pending.size === 0) return;
      await Promise.race([...this.pending].map((p) => p.then(() => undefined, () => undefined)));
    }
  }

  /** Advances a ManualClock by `ms`, firing due proxy_on_tick timers. */
  tick(ms: number): void {
    if (!(this.clock instanceof ManualClock)) throw new Error("Plugin.tick: the plugin was loaded without a ManualClock (pass clock: new ManualClock())");
    this.clock.advance(ms);
  }

  /** Per-worker state, for tests, benchmarks and the admin endpoint. `memoryBytes` is the VM's
   * linear memory size, which only grows, so it is also the high-water mark. */
  get workerStates(): { name: string; vm: string | undefined; rootContextId: number | undefined; failure: string | null; reloads: number; memoryBytes: number }[] {
    return this.workers.map((w) => ({ name: w.name, vm: w.vm?.name, rootContextId: w.root?.id, failure: w.vm?.failed ?? w.failure, reloads: w.reloads, memoryBytes: w.vm?.memory.size ?? 0 }));
  }

  /** Stops every worker's root context (proxy_on_done -> proxy_on_delete) and its timers. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const w of this.workers) {
      if (w.vm && w.root && !w.vm.failed) w.vm.stopRootContext(w.root);
      w.vm?.retire();
    }
  }
}

export function loadPlugin(options: PluginOptions = {}): Promise<Plugin> {
  return Plugin.load(options);
}
