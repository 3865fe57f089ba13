// The one place that names the patched @solo-io/proxy-runtime sources. AssemblyScript 0.27
// does not resolve the package's scoped name, so the path is spelled out here and nowhere else.
export * from "../../node_modules/@solo-io/proxy-runtime/assembly/index";
import * as hostImports from "../../node_modules/@solo-io/proxy-runtime/assembly/imports";
export { hostImports };
