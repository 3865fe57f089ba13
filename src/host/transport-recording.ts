// A transport for tests: records every callout and lets the test answer it when it wants, or
// answers automatically through responder functions. Clusters must be declared.
import type {
  CalloutTransport, GrpcCallRequest, GrpcCallResult, GrpcStreamEvents, GrpcStreamHandle, GrpcStreamRequest,
  HttpCallRequest, HttpCallResult,
} from "./transport.ts";

export interface PendingHttpCall { readonly request: HttpCallRequest; respond(result: HttpCallResult): void; readonly answered: boolean }
export interface PendingGrpcCall { readonly request: GrpcCallRequest; respond(result: GrpcCallResult): void; readonly answered: boolean }
export interface RecordedGrpcStream {
  readonly request: GrpcStreamRequest;
  /** Messages the module sent, in order. */
  readonly sent: Buffer[];
  halfClosed: boolean;
  cancelled: boolean;
  /** Drive the stream from the test side. */
  readonly events: GrpcStreamEvents;
}

export interface RecordingResponders {
  http?: (req: HttpCallRequest) => HttpCallResult | Promise<HttpCallResult>;
  grpc?: (req: GrpcCallRequest) => GrpcCallResult | Promise<GrpcCallResult>;
}

export class RecordingTransport implements CalloutTransport {
  readonly httpCalls: PendingHttpCall[] = [];
  readonly grpcCalls: PendingGrpcCall[] = [];
  readonly grpcStreams: RecordedGrpcStream[] = [];
  private readonly clusters: Set<string>;

  constructor(clusters: Iterable<string>, private readonly responders: RecordingResponders = {}) {
    this.clusters = new Set(clusters);
  }

  hasCluster(cluster: string): boolean { return this.clusters.has(cluster); }

  httpCall(request: HttpCallRequest): Promise<HttpCallResult> {
    return new Promise((resolve) => {
      let answered = false;
      const entry: PendingHttpCall = {
        request,
        respond: (r) => { if (answered) throw new Error(`http call to ${request.cluster} already answered`); answered = true; resolve(r); },
        get answered() { return answered; },
      };
      this.httpCalls.push(entry);
      if (this.responders.http) void Promise.resolve(this.responders.http(request)).then((r) => entry.respond(r));
    });
  }

  grpcCall(request: GrpcCallRequest): Promise<GrpcCallResult> {
    return new Promise((resolve) => {
      let answered = false;
      const entry: PendingGrpcCall = {
        request,
        respond: (r) => { if (answered) throw new Error(`grpc call ${request.serviceName}/${request.method} already answered`); answered = true; resolve(r); },
        get answered() { return answered; },
      };
      this.grpcCalls.push(entry);
      if (this.responders.grpc) void Promise.resolve(this.responders.grpc(request)).then((r) => entry.respond(r));
    });
  }

  grpcStream(request: GrpcStreamRequest, events: GrpcStreamEvents): GrpcStreamHandle {
    const rec: RecordedGrpcStream = { request, sent: [], halfClosed: false, cancelled: false, events };
    this.grpcStreams.push(rec);
    return {
      send: (m, end) => { rec.sent.push(m); if (end) rec.halfClosed = true; },
      closeSend: () => { rec.halfClosed = true; },
      cancel: () => { rec.cancelled = true; },
    };
  }
}
