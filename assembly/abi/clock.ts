import { hostImports } from "./runtime";
import { OUT_U64 } from "./out-params";

/** Host wall-clock time in nanoseconds (0 if the host cannot tell). One host call, no allocation. */
export function nowNanos(): u64 {
  store<u64>(OUT_U64, 0);
  hostImports.proxy_get_current_time_nanoseconds(OUT_U64);
  return load<u64>(OUT_U64);
}
