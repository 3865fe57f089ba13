// Public surface of the host.
export { loadPlugin, Plugin, DEFAULT_WASM_PATH, type PluginOptions, type PluginStats } from "./plugin.ts";
export { HttpStream, type StreamSink, type LocalReply, type StreamTarget } from "./stream.ts";
export type { StreamProperties } from "./stream-properties.ts";
export type { ExchangeSpec, ExchangeResult, HttpMessageSpec, UpstreamRequest } from "./exchange.ts";
export { LinkError, ConfigureError } from "./errors.ts";
export { linkModule, type LinkPlan } from "./linker.ts";
export { ManualClock, SystemClock, type Clock, type TimerHandle } from "./clock.ts";
export type { LogRecord, LogLevelName } from "./log.ts";
export type { CalloutRecord, NodeInfo, XdsInfo } from "./services.ts";
export type { StatsTag } from "./prometheus.ts";
export type { FailurePolicy } from "./worker.ts";
export type {
  CalloutTransport, HttpCallRequest, HttpCallResult, GrpcCallRequest, GrpcCallResult, GrpcStreamRequest,
  GrpcStreamEvents, GrpcStreamHandle,
} from "./transport.ts";
export { NoClustersTransport } from "./transport.ts";
export { RecordingTransport, type PendingHttpCall, type PendingGrpcCall, type RecordedGrpcStream } from "./transport-recording.ts";
export { encodePairs, decodePairs } from "./pairs.ts";
export { NodeTransport, type ClusterMap } from "./transport-node.ts";
