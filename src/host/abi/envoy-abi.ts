// Envoy's Proxy-Wasm host ABI as data: the facts this host needs to link and run a module the
// way Envoy does. Derived once from the team's shared reference (envoy-host-abi.json, itself read
// from proxy-wasm-cpp-host include/proxy-wasm/exports.h, src/wasm.cc, src/exports.cc and Envoy
// source/extensions/common/wasm/) and checked in, so the project never reads ../shared at runtime.
// Regenerate by hand if the reference changes; keep the shapes below stable.

export type ValType = "i32" | "i64" | "f32" | "f64";
export type AbiVersion = "0.1.0" | "0.2.0" | "0.2.1";
export type EnvoyVersion = "1.28" | "1.33" | "latest";

/** One host function Envoy registers. `since` is the first target that has it. */
export interface HostImport {
  readonly name: string;
  readonly params: readonly ValType[];
  readonly results: readonly ValType[];
  /** env functions: the ABI versions that register it (cpp-host registers some per ABI). */
  readonly abi?: readonly AbiVersion[];
  readonly since: EnvoyVersion;
}

/** `env` functions (cpp-host registerCallbacks + Envoy's envoy_resolve_dns). */
export const ENV_IMPORTS: readonly HostImport[] = [
  { name: "proxy_log", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_status", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_set_property", params: ["i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_property", params: ["i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_send_local_response", params: ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_shared_data", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_set_shared_data", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_register_shared_queue", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_resolve_shared_queue", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_dequeue_shared_queue", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_enqueue_shared_queue", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_header_map_value", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_add_header_map_value", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_replace_header_map_value", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_remove_header_map_value", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_header_map_pairs", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_set_header_map_pairs", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_header_map_size", params: ["i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_buffer_status", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_buffer_bytes", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_set_buffer_bytes", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_http_call", params: ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_grpc_call", params: ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_grpc_stream", params: ["i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_grpc_close", params: ["i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_grpc_cancel", params: ["i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_grpc_send", params: ["i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_set_tick_period_milliseconds", params: ["i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_current_time_nanoseconds", params: ["i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_define_metric", params: ["i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_increment_metric", params: ["i32", "i64"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_record_metric", params: ["i32", "i64"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_metric", params: ["i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_set_effective_context", params: ["i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_done", params: [], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_call_foreign_function", params: ["i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_configuration", params: ["i32", "i32"], results: ["i32"], abi: ["0.1.0"], since: "1.28" },
  { name: "proxy_continue_request", params: [], results: ["i32"], abi: ["0.1.0"], since: "1.28" },
  { name: "proxy_continue_response", params: [], results: ["i32"], abi: ["0.1.0"], since: "1.28" },
  { name: "proxy_clear_route_cache", params: [], results: ["i32"], abi: ["0.1.0"], since: "1.28" },
  { name: "proxy_continue_stream", params: ["i32"], results: ["i32"], abi: ["0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_close_stream", params: ["i32"], results: ["i32"], abi: ["0.2.0", "0.2.1"], since: "1.28" },
  { name: "proxy_get_log_level", params: ["i32"], results: ["i32"], abi: ["0.2.1"], since: "1.28" },
  { name: "pthread_equal", params: ["i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "emscripten_notify_memory_growth", params: ["i32"], results: [], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
  { name: "envoy_resolve_dns", params: ["i32", "i32", "i32"], results: ["i32"], abi: ["0.1.0", "0.2.0", "0.2.1"], since: "1.28" },
];

/** WASI preview1 functions; registered identically under wasi_snapshot_preview1 and wasi_unstable.
 * 1.28: the 15 functions of cpp-host <= 1.32; 1.33: + fd_fdstat_set_flags, sched_yield, poll_oneoff
 * (cpp-host c4d7bb0); latest: the full stub set of cpp-host 94091cd (2026-04). */
export const WASI_IMPORTS: readonly HostImport[] = [
  { name: "fd_write", params: ["i32", "i32", "i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "fd_read", params: ["i32", "i32", "i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "fd_seek", params: ["i32", "i64", "i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "fd_close", params: ["i32"], results: ["i32"], since: "1.28" },
  { name: "fd_fdstat_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "fd_fdstat_set_flags", params: ["i32", "i32"], results: ["i32"], since: "1.33" },
  { name: "fd_fdstat_set_rights", params: ["i32", "i64", "i64"], results: ["i32"], since: "latest" },
  { name: "environ_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "environ_sizes_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "args_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "args_sizes_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "clock_time_get", params: ["i32", "i64", "i32"], results: ["i32"], since: "1.28" },
  { name: "clock_res_get", params: ["i32", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_advise", params: ["i32", "i64", "i64", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_allocate", params: ["i32", "i64", "i64"], results: ["i32"], since: "latest" },
  { name: "fd_datasync", params: ["i32"], results: ["i32"], since: "latest" },
  { name: "fd_filestat_set_size", params: ["i32", "i64"], results: ["i32"], since: "latest" },
  { name: "fd_filestat_set_times", params: ["i32", "i64", "i64", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_pread", params: ["i32", "i32", "i32", "i64", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_pwrite", params: ["i32", "i32", "i32", "i64", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_readdir", params: ["i32", "i32", "i32", "i64", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_renumber", params: ["i32", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_sync", params: ["i32"], results: ["i32"], since: "latest" },
  { name: "fd_tell", params: ["i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_create_directory", params: ["i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_filestat_set_times", params: ["i32", "i32", "i32", "i32", "i64", "i64", "i32"], results: ["i32"], since: "latest" },
  { name: "path_link", params: ["i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_readlink", params: ["i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_remove_directory", params: ["i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_rename", params: ["i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_symlink", params: ["i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "path_unlink_file", params: ["i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "sock_accept", params: ["i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "sock_recv", params: ["i32", "i32", "i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "sock_send", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "sock_shutdown", params: ["i32", "i32"], results: ["i32"], since: "latest" },
  { name: "random_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "sched_yield", params: [], results: ["i32"], since: "1.33" },
  { name: "poll_oneoff", params: ["i32", "i32", "i32", "i32"], results: ["i32"], since: "1.33" },
  { name: "proc_exit", params: ["i32"], results: [], since: "1.28" },
  { name: "path_open", params: ["i32", "i32", "i32", "i32", "i32", "i64", "i64", "i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "fd_prestat_get", params: ["i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "fd_prestat_dir_name", params: ["i32", "i32", "i32"], results: ["i32"], since: "1.28" },
  { name: "path_filestat_get", params: ["i32", "i32", "i32", "i32", "i32"], results: ["i32"], since: "latest" },
  { name: "fd_filestat_get", params: ["i32", "i32"], results: ["i32"], since: "latest" },
];

export const WASI_MODULES = ["wasi_snapshot_preview1", "wasi_unstable"] as const;

/** A callback Envoy looks up after instantiation; a present export with another signature fails
 * the VM ("Bad function signature for: ..."). `params` may depend on the ABI version. */
export interface KnownExport {
  readonly name: string;
  readonly params: readonly ValType[] | Readonly<Record<AbiVersion, readonly ValType[]>>;
  readonly results: readonly ValType[];
  readonly abi?: readonly AbiVersion[];
  readonly since?: EnvoyVersion;
}

export const KNOWN_EXPORTS: readonly KnownExport[] = [
  { name: "malloc", params: ["i32"], results: ["i32"] },
  { name: "proxy_on_memory_allocate", params: ["i32"], results: ["i32"] },
  { name: "_initialize", params: [], results: [] },
  { name: "main", params: ["i32", "i32"], results: ["i32"] },
  { name: "__main_void", params: [], results: ["i32"], since: "latest" },
  { name: "_start", params: [], results: [] },
  { name: "proxy_validate_configuration", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_vm_start", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_configure", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_tick", params: ["i32"], results: [] },
  { name: "proxy_on_context_create", params: ["i32", "i32"], results: [] },
  { name: "proxy_on_new_connection", params: ["i32"], results: ["i32"] },
  { name: "proxy_on_downstream_data", params: ["i32", "i32", "i32"], results: ["i32"] },
  { name: "proxy_on_upstream_data", params: ["i32", "i32", "i32"], results: ["i32"] },
  { name: "proxy_on_downstream_connection_close", params: ["i32", "i32"], results: [] },
  { name: "proxy_on_upstream_connection_close", params: ["i32", "i32"], results: [] },
  { name: "proxy_on_request_headers", params: {"0.1.0": ["i32", "i32"], "0.2.0": ["i32", "i32", "i32"], "0.2.1": ["i32", "i32", "i32"]}, results: ["i32"] },
  { name: "proxy_on_request_body", params: ["i32", "i32", "i32"], results: ["i32"] },
  { name: "proxy_on_request_trailers", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_request_metadata", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_response_headers", params: {"0.1.0": ["i32", "i32"], "0.2.0": ["i32", "i32", "i32"], "0.2.1": ["i32", "i32", "i32"]}, results: ["i32"] },
  { name: "proxy_on_response_body", params: ["i32", "i32", "i32"], results: ["i32"] },
  { name: "proxy_on_response_trailers", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_response_metadata", params: ["i32", "i32"], results: ["i32"] },
  { name: "proxy_on_http_call_response", params: ["i32", "i32", "i32", "i32", "i32"], results: [] },
  { name: "proxy_on_grpc_receive_initial_metadata", params: ["i32", "i32", "i32"], results: [] },
  { name: "proxy_on_grpc_receive", params: ["i32", "i32", "i32"], results: [] },
  { name: "proxy_on_grpc_receive_trailing_metadata", params: ["i32", "i32", "i32"], results: [] },
  { name: "proxy_on_grpc_close", params: ["i32", "i32", "i32"], results: [] },
  { name: "proxy_on_queue_ready", params: ["i32", "i32"], results: [] },
  { name: "proxy_on_foreign_function", params: ["i32", "i32", "i32"], results: [], abi: ["0.2.0", "0.2.1"] },
  { name: "proxy_on_done", params: ["i32"], results: ["i32"] },
  { name: "proxy_on_log", params: ["i32"], results: [] },
  { name: "proxy_on_delete", params: ["i32"], results: [] },
  { name: "envoy_on_resolve_dns", params: ["i32", "i32", "i32"], results: [] },
  { name: "envoy_on_stats_update", params: ["i32", "i32"], results: [] },
];

/** Export names that mark the ABI version; the first function export among them wins. */
export const ABI_MARKERS: Readonly<Record<string, AbiVersion>> = {
  proxy_abi_version_0_1_0: "0.1.0",
  proxy_abi_version_0_2_0: "0.2.0",
  proxy_abi_version_0_2_1: "0.2.1",
};
/** Host calls allowed while `_initialize`/`main`/`__main_void`/`_start` run (cpp-host
 * `AllowedCapabilities` during start). Everything else traps "restricted_callback" and fails the VM.
 * Names are bare: WASI names apply to both WASI module names; env names carry no module. */
export const ALLOWED_DURING_START: Readonly<Record<EnvoyVersion, readonly string[]>> = {
  // Envoy <= 1.32 (cpp-host e200fee).
  "1.28": ["proxy_log", "fd_write", "args_sizes_get", "args_get", "environ_sizes_get", "environ_get",
    "fd_prestat_get", "fd_prestat_dir_name", "clock_time_get", "random_get"],
  // Envoy 1.33 .. early 2026 (cpp-host c4d7bb0; pins older than 14fa83a lack emscripten_notify_memory_growth).
  "1.33": ["proxy_log", "fd_write", "args_sizes_get", "args_get", "environ_sizes_get", "environ_get",
    "fd_prestat_get", "fd_prestat_dir_name", "clock_time_get", "random_get", "fd_fdstat_get", "fd_fdstat_set_flags"],
  // cpp-host HEAD (2026-04+): most WASI stubs are allowed too.
  latest: ["emscripten_notify_memory_growth", "proxy_log", "fd_write", "args_sizes_get", "args_get",
    "environ_sizes_get", "environ_get", "clock_time_get", "clock_res_get", "random_get", "poll_oneoff",
    "fd_fdstat_get", "fd_fdstat_set_flags", "fd_prestat_get", "fd_prestat_dir_name", "fd_advise", "fd_allocate",
    "fd_datasync", "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times",
    "fd_pread", "fd_pwrite", "fd_readdir", "fd_renumber", "fd_sync", "fd_tell", "path_*", "sock_*"],
};

/** Host calls allowed while the guest allocator (malloc / proxy_on_memory_allocate) runs. */
export const ALLOWED_DURING_MALLOC: Readonly<Record<EnvoyVersion, readonly string[]>> = {
  "1.28": ["proxy_log", "fd_write", "clock_time_get"],
  "1.33": ["proxy_log", "fd_write", "clock_time_get"],
  latest: ["proxy_log", "fd_write", "clock_time_get", "poll_oneoff"],
};

/** proxy_wasm_common.h WasmResult. */
export const WasmResult = {
  Ok: 0, NotFound: 1, BadArgument: 2, SerializationFailure: 3, ParseFailure: 4, BadExpression: 5,
  InvalidMemoryAccess: 6, Empty: 7, CasMismatch: 8, ResultMismatch: 9, InternalFailure: 10,
  BrokenConnection: 11, Unimplemented: 12,
} as const;

export const BufferType = {
  HttpRequestBody: 0, HttpResponseBody: 1, NetworkDownstreamData: 2, NetworkUpstreamData: 3,
  HttpCallResponseBody: 4, GrpcReceiveBuffer: 5, VmConfiguration: 6, PluginConfiguration: 7, CallData: 8,
} as const;

export const MapType = {
  HttpRequestHeaders: 0, HttpRequestTrailers: 1, HttpResponseHeaders: 2, HttpResponseTrailers: 3,
  GrpcReceiveInitialMetadata: 4, GrpcReceiveTrailingMetadata: 5, HttpCallResponseHeaders: 6,
  HttpCallResponseTrailers: 7,
} as const;

/** WASI errno values Envoy's WASI functions return. */
export const Errno = { SUCCESS: 0, BADF: 8, ENOTDIR: 20, FAULT: 21, INVAL: 28, NOENT: 44, ENOSYS: 52, NOTSUP: 58 } as const;

/** Limits of cpp-host's pair parser (include/proxy-wasm/limits.h). */
export const PAIRS_MAX_BYTES = 1024 * 1024;
export const PAIRS_MAX_COUNT = 1024;
