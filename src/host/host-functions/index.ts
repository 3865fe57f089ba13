// All host functions of one VM, by bare name: `env` functions and the WASI set (the linker has
// already refused any import the target Envoy version does not register).
import type { WasmVm } from "../vm.ts";
import { bufferFunctions } from "./buffers.ts";
import { calloutFunctions } from "./callouts.ts";
import { headerFunctions } from "./headers.ts";
import { loggingFunctions } from "./logging.ts";
import { metricFunctions } from "./metrics.ts";
import { miscFunctions } from "./misc.ts";
import { propertyFunctions } from "./properties.ts";
import { sharedFunctions } from "./shared.ts";
import { streamControlFunctions } from "./stream-control.ts";
import { timerFunctions } from "./timers.ts";
import type { HostFunctions } from "./types.ts";
import { wasiFunctions } from "./wasi.ts";

export function createHostFunctions(vm: WasmVm): { env: HostFunctions; wasi: HostFunctions } {
  const env: HostFunctions = {
    ...loggingFunctions(vm), ...bufferFunctions(vm), ...headerFunctions(vm), ...propertyFunctions(vm),
    ...streamControlFunctions(vm), ...metricFunctions(vm), ...timerFunctions(vm), ...sharedFunctions(vm),
    ...calloutFunctions(vm), ...miscFunctions(vm),
  };
  return { env, wasi: wasiFunctions(vm) };
}
