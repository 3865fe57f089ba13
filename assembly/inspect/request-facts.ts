import { RequestFacts } from "../policy/resolve";
import { HeaderPairs } from "../abi/header-pairs";
import { stringProperty, intProperty } from "../abi/properties";
import { PluginConfig, Direction } from "../config/plugin-config";

/**
 * What endpoint RuleFilters may test at request headers (spec §4.1, §6.1): the request
 * headers, the peer address, and the direction — the plugin's `direction`, else Envoy's
 * listener direction (2 = outbound; 1 or unset = inbound).
 */
export function requestFacts(headers: HeaderPairs, config: PluginConfig): RequestFacts {
  const facts = new RequestFacts();
  headers.rewind();
  while (headers.next()) facts.addHeader(headers.key(), headers.value());
  headers.rewind();
  facts.sourceAddress = stringProperty(["source", "address"]);
  if (config.direction == Direction.Outbound) facts.outbound = true;
  else if (config.direction == Direction.Inbound) facts.outbound = false;
  else facts.outbound = intProperty(["xds", "listener_direction"], 1) == 2;
  return facts;
}
