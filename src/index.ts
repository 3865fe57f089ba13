// leakscope's Node API: load the filter in the strict Proxy-Wasm host and drive HTTP exchanges.
export * from "./host/index.ts";
