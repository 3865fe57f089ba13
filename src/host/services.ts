// What every VM of a plugin shares: identity, target version, logs, stats, clock, shared state,
// callout transport, environment, static properties, and the plugin's failure handling.
import type { EnvoyVersion } from "./abi/envoy-abi.ts";
import type { Clock } from "./clock.ts";
import type { LogSink } from "./log.ts";
import type { StatsStore } from "./metrics.ts";
import type { SharedState } from "./shared-data.ts";
import type { CalloutTransport } from "./transport.ts";
import type { WasmVm } from "./vm.ts";

export interface PluginIdentity { readonly name: string; readonly rootId: string; readonly vmId: string }

/** Envoy's node identity, exposed as the xds.node property (envoy.config.core.v3.Node). */
export interface NodeInfo { id?: string; cluster?: string; metadata?: Record<string, unknown> }

/** Listener/route level facts exposed as xds.* properties. */
export interface XdsInfo {
  node?: NodeInfo;
  clusterName?: string;
  routeName?: string;
  virtualHostName?: string;
  filterChainName?: string;
  listenerDirection?: number;
}

/** One outbound call the module made, as recorded for ExchangeResult.callouts and tests. */
export type CalloutRecord =
  | { kind: "http"; vm: string; token: number; cluster: string; headers: [string, string][]; body: Buffer; trailers: [string, string][]; timeoutMs: number }
  | { kind: "grpc"; vm: string; token: number; cluster: string; serviceName: string; method: string; initialMetadata: [string, string][]; message: Buffer; timeoutMs: number }
  | { kind: "grpc_stream"; vm: string; token: number; cluster: string; serviceName: string; method: string; initialMetadata: [string, string][]; sent: Buffer[] };

export interface VmServices {
  readonly envoy: EnvoyVersion;
  readonly plugin: PluginIdentity;
  readonly vmConfiguration: Buffer;
  readonly logs: LogSink;
  readonly stats: StatsStore;
  readonly clock: Clock;
  readonly shared: SharedState;
  readonly transport: CalloutTransport;
  readonly env: Readonly<Record<string, string>>;
  readonly xds: XdsInfo;
  /** Registers async work (callout deliveries, queue notifications) so callers can wait for it. */
  track(p: Promise<unknown>): void;
  recordCallout(rec: CalloutRecord): void;
  /** Called once when a VM fails (trap, restricted call, failed start). */
  vmFailed(vm: WasmVm, message: string): void;
}
