// leakscope: the module Envoy loads. This file only wires the Proxy-Wasm exports to the
// filter; everything with logic lives under config/, filter/ and the matcher layers.
export * from "../node_modules/@solo-io/proxy-runtime/assembly/proxy";
import { registerRootContext, RootContext } from "./abi/runtime";
import { LeakscopeRoot } from "./filter/root";

function createRoot(contextId: u32): RootContext {
  return new LeakscopeRoot(contextId);
}

// Envoy's `root_id` must name a registered root context or the VM fails at the first
// context. "leakscope" is the documented id; "" covers Istio WasmPlugins without pluginName.
registerRootContext(createRoot, "leakscope");
registerRootContext(createRoot, "");
