// Return-value mapping of the stream callbacks (cpp-host src/context.cc convertVmCallResultTo*,
// EW context.cc convertFilter*Status). Values are Envoy's filter statuses.
export type HeadersAction = "continue" | "stop-iteration" | "stop-all-buffer" | "stop-all-watermark";
export type DataAction = "continue" | "buffer" | "watermark" | "no-buffer";
export type TrailersAction = "continue" | "stop";

/** 0 Continue, 1 StopIteration => StopAllIterationAndWatermark (StopIteration only with
 * allow_on_headers_stop_iteration, Envoy >= 1.35), 2 ContinueAndEndStream => Continue,
 * 3 StopAllIterationAndBuffer, 4 and above => StopAllIterationAndWatermark. */
export function headersAction(result: number, allowOnHeadersStopIteration: boolean): HeadersAction {
  switch (result) {
    case 0: case 2: return "continue";
    case 1: return allowOnHeadersStopIteration ? "stop-iteration" : "stop-all-watermark";
    case 3: return "stop-all-buffer";
    default: return "stop-all-watermark";
  }
}

/** 0 Continue, 1 StopIterationAndBuffer, 2 StopIterationAndWatermark, 3 and above StopIterationNoBuffer. */
export function dataAction(result: number): DataAction {
  return result === 0 ? "continue" : result === 1 ? "buffer" : result === 2 ? "watermark" : "no-buffer";
}

/** 0 Continue, anything else StopIteration. */
export function trailersAction(result: number): TrailersAction { return result === 0 ? "continue" : "stop"; }

/** Envoy Grpc::Utility::httpToGrpcStatus, used for local replies to gRPC requests. */
export function httpToGrpcStatus(http: number): number {
  switch (http) {
    case 400: return 13;
    case 401: return 16;
    case 403: return 7;
    case 404: return 12;
    case 429: case 502: case 503: case 504: return 14;
    default: return 2;
  }
}

const REASONS: Record<number, string> = { 413: "Payload Too Large", 500: "Internal Server Error", 503: "Service Unavailable" };
export function reasonPhrase(code: number): string { return REASONS[code] ?? ""; }
