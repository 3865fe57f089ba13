import { Policy, HeaderCollection, EnvCollection } from "../policy/policy";
import { HeaderPairs } from "../abi/header-pairs";
import { envVar, allEnvVars } from "../abi/environment";
import { JsonWriter } from "../util/json-writer";

/**
 * Header collection (spec §8.2): every header of the message by name; the listed ones (or all,
 * with header_collection all / all_request / all_response) with their values, the others null.
 */
export function collectHeaders(headers: HeaderPairs, policy: Policy, isResponse: bool): string {
  const mode = policy.headerCollection;
  const all = mode == HeaderCollection.All || (isResponse ? mode == HeaderCollection.AllResponse : mode == HeaderCollection.AllRequest);
  const listed = isResponse ? policy.collectedResponseHeaders : policy.collectedRequestHeaders;
  const w = new JsonWriter().begin();
  const seen = new Array<string>();
  headers.rewind();
  while (headers.next()) {
    const name = headers.key();
    if (seen.includes(name)) continue; // the first value is reported
    seen.push(name);
    if (all || listed.includes(name)) w.str(name, headers.value()); else w.nul(name);
  }
  headers.rewind();
  return w.end();
}

/** Environment collection (spec §8.2): none, all, or the listed names that Envoy exposes. */
export function collectEnv(policy: Policy): string {
  const w = new JsonWriter().begin();
  if (policy.envCollection == EnvCollection.None) return w.end();
  if (policy.envCollection == EnvCollection.All) {
    const names = new Array<string>(), values = new Array<string>();
    allEnvVars(names, values);
    for (let i = 0; i < names.length; i++) w.str(names[i], values[i]);
    return w.end();
  }
  const list = policy.collectedEnvVars;
  for (let i = 0; i < list.length; i++) {
    const v = envVar(list[i]);
    if (v !== null) w.str(list[i], v!);
  }
  return w.end();
}
