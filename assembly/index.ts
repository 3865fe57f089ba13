export * from "../node_modules/@solo-io/proxy-runtime/assembly/proxy";
import { RootContext, Context, registerRootContext, FilterHeadersStatusValues } from "../node_modules/@solo-io/proxy-runtime/assembly/index";
class R extends RootContext { createContext(id: u32): Context { return new C(id, this); } }
class C extends Context { onRequestHeaders(a: u32, e: bool): FilterHeadersStatusValues { return FilterHeadersStatusValues.Continue; } }
registerRootContext((id: u32) => new R(id), "leakscope");
