// Host-side state of the contexts a VM knows. Ids come from one per-VM counter (0 is the VM
// context used for _initialize and malloc; the first root context is normally 1).
import type { TimerHandle } from "./clock.ts";
import type { HeaderMap } from "./header-map.ts";
import type { WasmVm } from "./vm.ts";

/** Data that exists only inside a callout callback: maps 4..7 and buffers 4/5 (read-only). */
export interface CallData {
  readonly maps: Partial<Record<number, HeaderMap>>;
  readonly buffers: Partial<Record<number, Buffer>>;
}

export class RootContext {
  readonly kind = "root" as const;
  /** PluginConfiguration (buffer 7) is readable only while proxy_on_configure runs. */
  configVisible = false;
  /** What proxy_get_status reports (set around callout callbacks). */
  status: { code: number; message: string } = { code: 0, message: "" };
  callData: CallData | null = null;
  tickPeriodMs = 0;
  timer: TimerHandle | null = null;
  /** Set when proxy_on_done returned false: proxy_done() then completes the deletion. */
  awaitingDone = false;
  constructor(readonly id: number, readonly vm: WasmVm, readonly configuration: Buffer) {}
}

/** What a stream context needs from the filter-manager emulation (implemented by HttpStream). */
export interface StreamBinding {
  /** 0..3: the map if it is reachable now, else null (request maps are gone after Continue).
   * `forWrite` asks for a mutable map: during proxy_on_log the final maps are readable only. */
  headerMap(type: number, forWrite: boolean): HeaderMap | null;
  /** 0 request / 1 response body view for the current callback, else null. */
  body(type: number): Buffer | null;
  setBody(type: number, bytes: Buffer): void;
  /** Request trailers may be added from the last body callback; creates the map then. */
  trailersForAdd(type: number): HeaderMap | null;
  sendLocalResponse(status: number, details: string, body: Buffer, headers: [string, string][], grpcStatus: number | undefined): void;
  continueStream(type: number): number;
  closeStream(type: number): number;
  /** Stream attribute lookup (request.*, response.*, source.*, ...); undefined = NotFound. */
  property(path: readonly string[]): Buffer | undefined;
  /** True while proxy_on_log runs (Envoy's access-log phase). */
  readonly accessLogPhase: boolean;
  /** Filter state written by proxy_set_property. */
  readonly filterState: Map<string, Buffer>;
}

export class StreamContext {
  readonly kind = "stream" as const;
  constructor(readonly id: number, readonly vm: WasmVm, readonly root: RootContext, readonly binding: StreamBinding) {}
}

export type Context = RootContext | StreamContext;

export function rootOf(ctx: Context): RootContext { return ctx.kind === "root" ? ctx : ctx.root; }
