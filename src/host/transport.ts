// The pluggable transport behind proxy_http_call / proxy_grpc_call / proxy_grpc_stream. Envoy sends
// callouts to *clusters*; a transport knows which cluster names exist (unknown cluster: http_call
// BadArgument, grpc ParseFailure) and how to reach them. Responses are delivered by the host on the
// ROOT context that made the call (cpp-host exports.cc runs callouts on root_context()).

export type Headers = [string, string][];

export interface HttpCallRequest {
  readonly cluster: string;
  readonly headers: Headers;
  readonly body: Buffer;
  readonly trailers: Headers;
  /** 0 = no timeout. */
  readonly timeoutMs: number;
  /** Aborted if the host drops the call (VM failed / plugin closed). */
  readonly signal: AbortSignal;
}

/** A response (Envoy also turns upstream failures into responses: 503, or 504 on timeout), or a reset
 * (delivered as (0,0,0) with proxy_get_status = BrokenConnection(11) "reset"). */
export type HttpCallResult =
  | { readonly headers: Headers; readonly body?: Uint8Array; readonly trailers?: Headers }
  | { readonly reset: true };

export interface GrpcCallRequest {
  readonly cluster: string;
  readonly serviceName: string;
  readonly method: string;
  readonly initialMetadata: Headers;
  readonly message: Buffer;
  readonly timeoutMs: number;
  readonly signal: AbortSignal;
}

/** status 0 with the raw response message, or a gRPC failure status (1..16) with its message. */
export type GrpcCallResult =
  | { readonly status: 0; readonly message: Uint8Array }
  | { readonly status: number; readonly errorMessage?: string };

export interface GrpcStreamRequest {
  readonly cluster: string;
  readonly serviceName: string;
  readonly method: string;
  readonly initialMetadata: Headers;
}

/** Events of a gRPC stream, in the order Envoy delivers them. */
export interface GrpcStreamEvents {
  initialMetadata(md: Headers): void;
  message(msg: Uint8Array): void;
  trailingMetadata(md: Headers): void;
  close(status: number, message: string): void;
}

export interface GrpcStreamHandle {
  send(message: Buffer, endStream: boolean): void;
  /** Local half-close (proxy_grpc_close on a stream). */
  closeSend(): void;
  /** Reset (proxy_grpc_cancel on a stream); no further events are delivered. */
  cancel(): void;
}

export interface CalloutTransport {
  hasCluster(cluster: string): boolean;
  httpCall(req: HttpCallRequest): Promise<HttpCallResult>;
  grpcCall(req: GrpcCallRequest): Promise<GrpcCallResult>;
  grpcStream(req: GrpcStreamRequest, events: GrpcStreamEvents): GrpcStreamHandle;
}

/** The transport used when none is configured: Envoy with no clusters (every callout is refused). */
export class NoClustersTransport implements CalloutTransport {
  hasCluster(): boolean { return false; }
  httpCall(req: HttpCallRequest): Promise<HttpCallResult> { return Promise.reject(new Error(`no cluster ${req.cluster}`)); }
  grpcCall(req: GrpcCallRequest): Promise<GrpcCallResult> { return Promise.reject(new Error(`no cluster ${req.cluster}`)); }
  grpcStream(req: GrpcStreamRequest): GrpcStreamHandle { throw new Error(`no cluster ${req.cluster}`); }
}
