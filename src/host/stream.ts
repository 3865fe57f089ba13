// HttpStream: an event-driven emulation of Envoy's HTTP filter manager around one Wasm filter.
// Events go in (request/response headers, data, trailers from the proxy or a test) and come out to
// a sink only when the filter lets them: held while the filter stops iteration, buffered as Envoy
// buffers them, released on Continue or proxy_continue_stream. It follows EW context.cc
// (decodeHeaders/decodeData/..., getBuffer/getMap, sendLocalReply, failStream) and the filter
// manager rules in abi-notes §2: StopAllIteration* holds body and trailers unseen until continue,
// StopIterationAndBuffer makes the next body callback see the whole body so far (Envoy >= 1.32),
// the per-connection buffer limit turns into 413 (request) / 500 (response).
import { WasmResult } from "./abi/envoy-abi.ts";
import type { RootContext, StreamBinding, StreamContext } from "./context.ts";
import { HeaderMap, type HeaderList } from "./header-map.ts";
import { resolveProperty } from "./properties.ts";
import { dataAction, headersAction, httpToGrpcStatus, reasonPhrase, trailersAction } from "./status.ts";
import { streamAttribute, type StreamFacts, type StreamProperties } from "./stream-properties.ts";
import { FAILED, type CallResult, type WasmVm } from "./vm.ts";

export interface LocalReply {
  status: number;
  details: string;
  body: Buffer;
  headers: HeaderList;
  /** "filter": from proxy_send_local_response; "host": Envoy's own (503 wasm_fail_stream, 413, 500). */
  origin: "filter" | "host";
}

/** Where the filter's output goes. Every method is optional. */
export interface StreamSink {
  upstreamHeaders?(headers: HeaderList, endStream: boolean): void;
  upstreamData?(chunk: Buffer, endStream: boolean): void;
  upstreamTrailers?(trailers: HeaderList): void;
  downstreamHeaders?(headers: HeaderList, endStream: boolean): void;
  downstreamData?(chunk: Buffer, endStream: boolean): void;
  downstreamTrailers?(trailers: HeaderList): void;
  /** A local reply was decided; its headers/body follow on the downstream methods. The proxy should
   * stop sending the request upstream (Envoy resets the upstream request). */
  localReply?(reply: LocalReply): void;
  /** The stream was reset (proxy_close_stream, or a failure after response headers went out). */
  reset?(reason: string): void;
}

/** Which VM/root a new stream runs on, decided by the plugin's worker and failure policy. */
export type StreamTarget =
  | { kind: "vm"; vm: WasmVm; root: RootContext }
  | { kind: "fail-closed"; why: string }
  | { kind: "fail-open" };

export interface StreamConfig {
  allowOnHeadersStopIteration: boolean;
  bufferLimitBytes: number;
  /** Legacy fail_open: an in-flight stream whose VM fails continues without the filter. */
  failOpen: boolean;
}

class Direction {
  headers: HeaderMap | null = null;
  headersAccessible = false;
  headersEnd = false;
  headersForwarded = false;
  stopAll = false;
  stopAllBuffer = false;
  stopped = false;
  /** Filter-manager buffered data: not yet forwarded. */
  held: Buffer = Buffer.alloc(0);
  /** The held data has not been shown to the filter (it arrived during StopAllIteration). */
  heldUnseen = false;
  /** The previous body callback returned StopIterationAndBuffer. */
  bufferingBody = false;
  /** Body view of the current callback (null outside body callbacks). */
  view: Buffer | null = null;
  /** The module may reach the view (false after continue_stream: the host dropped its pointer). */
  viewVisible = false;
  viewIsHeld = false;
  lastBodyEos = false;
  endStream = false;
  endForwarded = false;
  trailers: HeaderMap | null = null;
  trailersAccessible = false;
  /** The trailers may be forwarded (seen by the filter, added by it, or the filter is out of the way). */
  trailersReady = false;
  trailersForwarded = false;
  bodyBytes = 0;
  constructor(readonly isRequest: boolean) {}
  get label(): "request" | "response" { return this.isRequest ? "request" : "response"; }
}

const EMPTY = Buffer.alloc(0);

export class HttpStream implements StreamBinding {
  private readonly req = new Direction(true);
  private readonly res = new Direction(false);
  private ctx: StreamContext | null = null;
  private vm: WasmVm | null = null;
  private bypass = false;
  private failed = false;
  private finished = false;
  private ended = false;
  private resetReason: string | undefined;
  private localReplySent: LocalReply | undefined;
  private inCallback = false;
  private inAccessLog = false;
  get accessLogPhase(): boolean { return this.inAccessLog; }
  private stopForced = false;
  private codeDetails: string | undefined;
  private readonly startNs: bigint;
  readonly filterState = new Map<string, Buffer>();
  private completion: { promise: Promise<void>; resolve: () => void };

  constructor(
    private readonly resolveTarget: () => StreamTarget,
    private readonly sink: StreamSink,
    private readonly config: StreamConfig,
    private readonly props: StreamProperties,
    private readonly nowNs: () => bigint,
  ) {
    this.startNs = nowNs();
    let resolve!: () => void;
    this.completion = { promise: new Promise<void>((r) => { resolve = r; }), resolve };
  }

  /** The context id in the VM (undefined before request headers or when the filter is skipped). */
  get contextId(): number | undefined { return this.ctx?.id; }
  /** The local reply sent on this stream, if any. */
  get localReply(): LocalReply | undefined { return this.localReplySent; }
  get resetCause(): string | undefined { return this.resetReason; }
  /** True once end() ran or the stream was reset. */
  get isComplete(): boolean { return this.ended; }
  /** Resolves when the stream is complete (end() or reset). */
  whenComplete(): Promise<void> { return this.completion.promise; }

  // ---- input events -------------------------------------------------------------------------

  requestHeaders(headers: readonly (readonly [string, string])[], endStream: boolean): void {
    if (this.req.headers) throw new Error("HttpStream.requestHeaders: request headers were already sent on this stream");
    this.req.headers = new HeaderMap(headers);
    // Envoy's connection manager exposes the HTTP/1 Host header as :authority.
    const host = this.req.headers.get("host");
    if (host !== undefined && this.req.headers.get(":authority") === undefined) {
      this.req.headers.setAll(this.req.headers.list().map(([k, v]) => (k === "host" ? [":authority", v] : [k, v])));
    }
    this.req.endStream = endStream;
    this.req.headersEnd = endStream;
    const target = this.resolveTarget();
    if (target.kind === "fail-open") { this.bypass = true; this.forwardHeaders(this.req); return; }
    if (target.kind === "fail-closed") { this.failed = true; this.hostLocalReply(503, "wasm_fail_stream"); return; }
    this.vm = target.vm;
    // Envoy creates the stream context lazily, at the first request headers.
    this.ctx = target.vm.createStreamContext(target.root, this);
    if (!this.ctx) { this.onVmFailure(); return; }
    this.onHeaders(this.req, endStream);
  }

  requestData(chunk: Uint8Array, endStream: boolean): void {
    if (this.inputClosed(this.req, "requestData")) return;
    this.onData(this.req, Buffer.from(chunk), endStream);
  }

  requestTrailers(trailers: readonly (readonly [string, string])[]): void {
    if (this.inputClosed(this.req, "requestTrailers")) return;
    this.onTrailers(this.req, trailers);
  }

  responseHeaders(headers: readonly (readonly [string, string])[], endStream: boolean): void {
    if (this.localReplySent || this.resetReason !== undefined || this.finished) return; // upstream response no longer wanted
    if (this.res.headers) throw new Error("HttpStream.responseHeaders: response headers were already sent on this stream");
    this.res.headers = new HeaderMap(headers);
    this.res.endStream = endStream;
    this.res.headersEnd = endStream;
    this.codeDetails ??= "via_upstream";
    if (this.bypass || this.failed || !this.ctx) { this.forwardHeaders(this.res); return; }
    this.onHeaders(this.res, endStream);
  }

  responseData(chunk: Uint8Array, endStream: boolean): void {
    if (this.localReplySent) return; // the upstream response was replaced by a local reply
    if (this.inputClosed(this.res, "responseData")) return;
    this.onData(this.res, Buffer.from(chunk), endStream);
  }

  responseTrailers(trailers: readonly (readonly [string, string])[]): void {
    if (this.localReplySent) return;
    if (this.inputClosed(this.res, "responseTrailers")) return;
    this.onTrailers(this.res, trailers);
  }

  /** The exchange is over: proxy_on_log -> proxy_on_done -> proxy_on_delete (Envoy's order: the
   * access-log hook runs before the filter is destroyed). */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    const vm = this.vm;
    if (vm && this.ctx && !this.failed && !vm.failed) {
      const id = this.ctx.id;
      this.inAccessLog = true;
      let logged: CallResult;
      try { logged = vm.callAndFlush(this.ctx, "proxy_on_log", id); } finally { this.inAccessLog = false; }
      if (logged !== FAILED && vm.callAndFlush(this.ctx, "proxy_on_done", id) !== FAILED) {
        vm.deleteContext(this.ctx);
      }
    }
    this.completion.resolve();
  }

  private inputClosed(dir: Direction, what: string): boolean {
    if (this.resetReason !== undefined || this.ended) return true;
    if (dir.isRequest && this.localReplySent) return true; // request no longer forwarded after a local reply
    if (!dir.headers) throw new Error(`HttpStream.${what}: ${dir.label} headers must come first`);
    if (dir.endStream) throw new Error(`HttpStream.${what}: the ${dir.label} already ended`);
    return false;
  }

  // ---- filter callbacks -----------------------------------------------------------------------

  private active(): boolean { return !!this.ctx && !this.bypass && !this.failed && this.resetReason === undefined && !this.ended; }

  /** Calls a stream callback; on a VM failure applies Envoy's failStream. Returns undefined if the
   * stream should stop processing this event. */
  private callback(name: string, ...args: number[]): number | undefined {
    const vm = this.vm!;
    if (vm.failed) { this.onVmFailure(); return undefined; }
    this.inCallback = true;
    this.stopForced = false;
    let r: CallResult;
    try {
      r = vm.call(this.ctx!, name, this.ctx!.id, ...args);
    } finally {
      this.inCallback = false;
    }
    if (r === FAILED) { this.onVmFailure(); return undefined; }
    return r ?? 0; // a callback that is not exported acts as Continue
  }

  private onHeaders(dir: Direction, endStream: boolean): void {
    if (!this.active()) { this.release(dir); return; }
    dir.headersAccessible = true;
    const n = dir.headers!.size;
    const name = `proxy_on_${dir.label}_headers`;
    const r = this.vm!.abi === "0.1.0" ? this.callback(name, n) : this.callback(name, n, endStream ? 1 : 0);
    if (r === undefined) return;
    // proxy_send_local_response during the callback forces StopAllIterationAndWatermark.
    const action = this.stopForced ? "stop-all-watermark" : headersAction(r, this.config.allowOnHeadersStopIteration);
    if (action === "continue") {
      dir.headersAccessible = false;
      this.forwardHeaders(dir);
    } else {
      dir.stopped = true;
      if (action !== "stop-iteration") { dir.stopAll = true; dir.stopAllBuffer = action === "stop-all-buffer"; }
    }
    this.vm!.flush();
  }

  private onData(dir: Direction, chunk: Buffer, endStream: boolean): void {
    dir.endStream = endStream;
    dir.bodyBytes += chunk.length;
    if (!this.active()) { dir.held = Buffer.concat([dir.held, chunk]); this.release(dir); return; }
    if (dir.stopAll) {
      // StopAllIteration: the filter sees nothing until it continues; Envoy buffers meanwhile.
      dir.held = Buffer.concat([dir.held, chunk]);
      dir.heldUnseen = true;
      if (dir.stopAllBuffer && dir.held.length > this.config.bufferLimitBytes) this.bufferOverflow(dir);
      return;
    }
    this.processData(dir, chunk, endStream);
  }

  private processData(dir: Direction, chunk: Buffer, endStream: boolean): void {
    if (dir.bufferingBody) {
      // Envoy >= 1.32 moves the new chunk into the buffered body before calling the filter, so the
      // callback sees everything so far; over the connection buffer limit Envoy answers itself.
      dir.held = Buffer.concat([dir.held, chunk]);
      if (dir.held.length > this.config.bufferLimitBytes) { this.bufferOverflow(dir); return; }
      dir.view = dir.held;
      dir.viewIsHeld = true;
    } else {
      dir.view = chunk;
      dir.viewIsHeld = false;
    }
    dir.viewVisible = true;
    dir.lastBodyEos = endStream;
    const r = this.callback(`proxy_on_${dir.label}_body`, dir.view.length, endStream ? 1 : 0);
    const view = dir.view;
    const viewWasHeld = dir.viewIsHeld;
    dir.view = null;
    dir.viewVisible = false;
    dir.lastBodyEos = false;
    if (r === undefined) return;
    const action = this.stopForced ? "no-buffer" : dataAction(r);
    dir.bufferingBody = false;
    if (!viewWasHeld && action !== "no-buffer") dir.held = Buffer.concat([dir.held, view]);
    if (viewWasHeld) dir.held = view;
    switch (action) {
      case "continue":
        dir.stopped = false;
        this.release(dir);
        break;
      case "buffer":
        dir.bufferingBody = true;
        dir.stopped = true;
        if (dir.held.length > this.config.bufferLimitBytes) { this.vm!.flush(); this.bufferOverflow(dir); return; }
        break;
      default:
        dir.stopped = true; // watermark: held; no-buffer: the chunk is dropped (the filter took it)
    }
    this.vm!.flush();
  }

  private onTrailers(dir: Direction, trailers: readonly (readonly [string, string])[]): void {
    dir.trailers = new HeaderMap(trailers);
    dir.endStream = true;
    if (!this.active()) { dir.trailersReady = true; this.release(dir); return; }
    if (dir.stopAll) return; // delivered to the filter when it continues
    this.deliverTrailers(dir);
  }

  private deliverTrailers(dir: Direction): void {
    dir.trailersAccessible = true;
    const r = this.callback(`proxy_on_${dir.label}_trailers`, dir.trailers!.size);
    if (r === undefined) return;
    dir.trailersReady = true;
    if (!this.stopForced && trailersAction(r) === "continue") {
      dir.trailersAccessible = false;
      dir.stopped = false;
      this.release(dir);
    } else {
      dir.stopped = true;
    }
    this.vm!.flush();
  }

  // ---- forwarding -----------------------------------------------------------------------------

  private emitHeaders(dir: Direction, headers: HeaderList, endStream: boolean): void {
    if (dir.isRequest) this.sink.upstreamHeaders?.(headers, endStream);
    else this.sink.downstreamHeaders?.(headers, endStream);
  }

  private forwardHeaders(dir: Direction): void {
    if (dir.headersForwarded || this.resetReason !== undefined) return;
    dir.headersForwarded = true;
    if (dir.headersEnd) dir.endForwarded = true;
    this.emitHeaders(dir, dir.headers!.list(), dir.headersEnd);
    if (!dir.isRequest && dir.headersEnd) this.finished = true;
  }

  /** Forwards everything the filter no longer holds: headers, buffered data, trailers. */
  private release(dir: Direction): void {
    if (this.resetReason !== undefined) return;
    if (dir.isRequest && this.localReplySent) return;
    this.forwardHeaders(dir);
    if (dir.endForwarded) return;
    const end = dir.endStream && !dir.trailers;
    if (dir.held.length > 0 || end) {
      const data = dir.held;
      dir.held = EMPTY;
      dir.heldUnseen = false;
      if (end) dir.endForwarded = true;
      if (dir.isRequest) this.sink.upstreamData?.(data, end);
      else this.sink.downstreamData?.(data, end);
    }
    if (dir.trailers && dir.trailersReady && !dir.trailersForwarded) {
      dir.trailersForwarded = true;
      dir.endForwarded = true;
      if (dir.isRequest) this.sink.upstreamTrailers?.(dir.trailers!.list());
      else this.sink.downstreamTrailers?.(dir.trailers!.list());
    }
    if (!dir.isRequest && dir.endForwarded) this.finished = true;
  }

  /** Resumes a direction after proxy_continue_stream (run after the callback returned). */
  private resume(dir: Direction): void {
    if (this.resetReason !== undefined || this.ended || this.failed) return;
    dir.stopped = false;
    dir.bufferingBody = false;
    if (!dir.stopAll) { this.release(dir); return; }
    dir.stopAll = false;
    dir.stopAllBuffer = false;
    this.forwardHeaders(dir);
    // Data that arrived while stopped-all is delivered to this filter now, then trailers.
    if (dir.heldUnseen) {
      const data = dir.held;
      dir.held = EMPTY;
      dir.heldUnseen = false;
      this.processData(dir, data, dir.endStream && !dir.trailers);
      if (dir.stopped || !this.active()) return;
    }
    if (dir.trailers && !dir.trailersReady && this.active()) this.deliverTrailers(dir);
  }

  // ---- StreamBinding (host functions) ----------------------------------------------------------

  headerMap(type: number, forWrite: boolean): HeaderMap | null {
    const dir = type < 2 ? this.req : this.res;
    // Envoy's access-log phase exposes the final request/response maps read-only.
    if (this.inAccessLog) return forWrite ? null : type === 0 || type === 2 ? dir.headers : dir.trailers;
    if (type === 0 || type === 2) return dir.headersAccessible ? dir.headers : null;
    return dir.trailersAccessible ? dir.trailers : null;
  }

  trailersForAdd(type: number): HeaderMap | null {
    const dir = type === 1 ? this.req : this.res;
    // Trailers can be added only from the last body callback of a stream without trailers.
    if (!dir.viewVisible || !dir.lastBodyEos || dir.trailers) return null;
    dir.trailers = new HeaderMap();
    dir.trailersReady = true;
    return dir.trailers;
  }

  body(type: number): Buffer | null {
    const dir = type === 0 ? this.req : this.res;
    if (dir.view && dir.viewVisible) return dir.view;
    if (dir.view) return null;
    // After StopIterationAndBuffer the buffered body stays reachable (e.g. from a callout callback).
    return dir.bufferingBody && dir.stopped ? dir.held : null;
  }

  setBody(type: number, bytes: Buffer): void {
    const dir = type === 0 ? this.req : this.res;
    if (dir.view && dir.viewVisible) { dir.view = bytes; if (dir.viewIsHeld) dir.held = bytes; }
    else if (dir.bufferingBody && dir.stopped) dir.held = bytes;
  }

  sendLocalResponse(status: number, details: string, body: Buffer, headers: [string, string][], grpcStatus: number | undefined): void {
    if (this.inCallback && this.vm?.context() === this.ctx) this.stopForced = true;
    this.vm!.defer(() => this.localReplyNow({ status, details, body, headers, origin: "filter" }, grpcStatus));
  }

  continueStream(type: number): number {
    const dir = type === 0 ? this.req : this.res;
    // Inside this stream's own callback the status is not known yet: Envoy runs the continue after
    // the callback returned, when the stream may have just been stopped.
    if (!this.inCallback && !dir.stopped && !dir.stopAll) {
      this.warnNotPaused(type, dir);
      return WasmResult.Ok;
    }
    // The host forgets its map/body pointers immediately; the resume itself runs after the callback.
    dir.headersAccessible = false;
    dir.trailersAccessible = false;
    dir.viewVisible = false;
    this.vm!.defer(() => {
      if (dir.stopped || dir.stopAll) this.resume(dir);
      else this.warnNotPaused(type, dir);
    });
    return WasmResult.Ok;
  }

  private warnNotPaused(type: number, dir: Direction): void {
    // Envoy's filter manager asserts on continuing a stream that is not paused.
    this.vm?.hostLog(3, `proxy_continue_stream(${type}) on context ${this.ctx?.id}: the ${dir.label} is not paused (Envoy asserts on this in debug builds); ignored`);
  }

  closeStream(_type: number): number {
    this.vm!.defer(() => this.resetNow("wasm_close_stream"));
    return WasmResult.Ok;
  }

  property(path: readonly string[]): Buffer | undefined {
    return streamAttribute(this.facts(), path);
  }

  /** Property lookup for tests and tools, as the module would see it from this stream. */
  getProperty(path: readonly string[]): Buffer | undefined {
    if (!this.vm) return undefined;
    return resolveProperty(this.vm.services, this.ctx, path);
  }

  private facts(): StreamFacts {
    return {
      props: this.props,
      requestHeaders: this.req.headers,
      requestTrailers: this.req.trailers,
      responseHeaders: this.res.headers,
      responseTrailers: this.res.trailers,
      responseCodeDetails: this.codeDetails,
      requestTimeNs: this.startNs,
      requestBodyBytes: this.req.bodyBytes,
      responseBodyBytes: this.res.bodyBytes,
      durationNs: this.ended ? this.nowNs() - this.startNs : undefined,
      filterState: this.filterState,
    };
  }

  // ---- local replies, resets, failures ---------------------------------------------------------

  private isGrpcRequest(): boolean { return (this.req.headers?.get("content-type") ?? "").startsWith("application/grpc"); }

  private localReplyNow(reply: LocalReply, grpcStatus: number | undefined): void {
    if (this.resetReason !== undefined || this.ended) return;
    if (this.localReplySent) {
      this.vm?.hostLog(3, `local reply ${reply.status} ignored: a local reply (${this.localReplySent.status}) was already sent on this stream`);
      return;
    }
    const headers: HeaderList = [[":status", String(reply.status)]];
    let body = reply.body;
    if (this.isGrpcRequest()) {
      // Envoy answers a gRPC request with a trailers-only response carrying grpc-status/grpc-message.
      headers[0] = [":status", "200"];
      headers.push(["content-type", "application/grpc"], ["grpc-status", String(grpcStatus ?? httpToGrpcStatus(reply.status))]);
      if (body.length) headers.push(["grpc-message", encodeURIComponent(body.toString("utf8"))]);
      body = EMPTY;
    }
    for (const [k, v] of reply.headers) headers.push([k.toLowerCase(), v]);
    if (body.length) {
      if (!headers.some(([k]) => k === "content-type")) headers.push(["content-type", "text/plain"]);
      headers.push(["content-length", String(body.length)]);
    }
    if (this.res.headersForwarded) {
      // Too late to replace the response: Envoy resets the stream instead.
      this.resetNow(`local reply ${reply.status} (${reply.details}) after response headers were sent downstream`);
      return;
    }
    const final: LocalReply = { ...reply, body, headers };
    this.localReplySent = final;
    this.codeDetails = reply.details;
    // Drop whatever the request side still holds: it will never go upstream.
    this.req.held = EMPTY;
    this.req.stopped = false;
    this.req.stopAll = false;
    this.sink.localReply?.(final);
    const viaFilter = !this.res.headers && this.active();
    // Before the upstream response exists the reply runs through the encoder filters (this filter
    // sees on_response_headers/body for it); once the response started it is sent directly.
    this.res.headers = new HeaderMap(headers);
    this.res.headersEnd = body.length === 0;
    this.res.endStream = this.res.headersEnd;
    this.res.held = EMPTY;
    this.res.stopped = false;
    this.res.stopAll = false;
    this.res.bufferingBody = false;
    if (viaFilter) {
      this.onHeaders(this.res, this.res.headersEnd);
      if (body.length && this.resetReason === undefined && !this.failed) this.onData(this.res, body, true);
      else if (body.length) this.release(this.res);
    } else {
      this.forwardHeaders(this.res);
      if (body.length) { this.res.held = body; this.res.endStream = true; this.release(this.res); }
    }
  }

  private hostLocalReply(status: number, details: string): void {
    const body = Buffer.from(details === "wasm_fail_stream" ? "" : reasonPhrase(status));
    this.localReplyNow({ status, details, body, headers: [], origin: "host" }, undefined);
  }

  /** Over per_connection_buffer_limit_bytes: Envoy answers 413 for a request; for a response it
   * sends 500 if the response headers have not gone downstream yet, else resets the stream. */
  private bufferOverflow(dir: Direction): void {
    dir.held = EMPTY;
    dir.bufferingBody = false;
    if (dir.isRequest) { this.hostLocalReply(413, "request_payload_too_large"); return; }
    if (this.res.headersForwarded) { this.resetNow("response_payload_too_large"); return; }
    this.bypass = true; // the filter gets no more callbacks for the replaced response
    this.hostLocalReply(500, "response_payload_too_large");
  }

  private resetNow(reason: string): void {
    if (this.resetReason !== undefined || this.ended) return;
    this.resetReason = reason;
    this.codeDetails ??= reason;
    this.sink.reset?.(reason);
    this.end();
  }

  /** The VM failed (now or earlier): Envoy's failStream. The context gets no further callbacks. */
  private onVmFailure(): void {
    if (this.failed) return;
    this.failed = true;
    if (this.config.failOpen) {
      this.bypass = true;
      this.failed = false;
      this.release(this.req);
      if (this.res.headers) this.release(this.res);
      this.failed = true;
      return;
    }
    if (this.res.headersForwarded) { this.resetNow("wasm_fail_stream"); return; }
    this.localReplySent = undefined;
    this.res.headers = null;
    this.hostLocalReply(503, "wasm_fail_stream");
  }
}
