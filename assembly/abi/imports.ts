// Host imports that @solo-io/proxy-runtime 0.1.8 lacks or declares with the wrong signature.
// Envoy links imports by exact name and wasm type, so these follow Envoy's table
// (proxy-wasm-cpp-host exports.h): proxy_grpc_call takes 12 i32s, proxy_grpc_stream 9, and
// proxy_set_buffer_bytes exists but the runtime never declared it. The patched runtime no
// longer declares the broken variants, so only these can reach the module.

// @ts-ignore: decorator
@external("env", "proxy_set_buffer_bytes")
export declare function proxy_set_buffer_bytes(bufferType: i32, start: u32, length: u32, dataPtr: usize, dataSize: usize): u32;

// @ts-ignore: decorator
@external("env", "proxy_grpc_call")
export declare function proxy_grpc_call(
  servicePtr: usize, serviceSize: usize,
  serviceNamePtr: usize, serviceNameSize: usize,
  methodNamePtr: usize, methodNameSize: usize,
  initialMetadataPtr: usize, initialMetadataSize: usize,
  requestPtr: usize, requestSize: usize,
  timeoutMilliseconds: u32, tokenPtr: usize): u32;

// @ts-ignore: decorator
@external("env", "proxy_grpc_stream")
export declare function proxy_grpc_stream(
  servicePtr: usize, serviceSize: usize,
  serviceNamePtr: usize, serviceNameSize: usize,
  methodNamePtr: usize, methodNameSize: usize,
  initialMetadataPtr: usize, initialMetadataSize: usize,
  tokenPtr: usize): u32;

// ABI 0.2.1: the current level of Envoy's `wasm` logger (0 trace … 5 critical, 6 off).
// @ts-ignore: decorator
@external("env", "proxy_get_log_level")
export declare function proxy_get_log_level(levelPtr: usize): u32;
