// The label values of spec §8.4, encoded into stat names as `key=.=value;.;`.
import { labelSegment } from "../abi/metrics";
import { PluginConfig } from "../config/plugin-config";

const EXPLOIT_PREFIXES: StaticArray<string> = ["ls_hash:", "ls_error_text:"];

/** "10.0.0.1:5000" → "10.0.0.1"; "[::1]:80" → "::1". */
export function stripPort(address: string): string {
  if (address.startsWith("[")) { const end = address.indexOf("]"); return end > 0 ? address.substring(1, end) : address; }
  const colon = address.lastIndexOf(":");
  return colon > 0 && address.indexOf(":") == colon ? address.substring(0, colon) : address;
}

/** Exploit signals: the built-in exploit-detection categories, and any category tagged `exploit`. */
export function isExploit(category: string, tag: string): bool {
  if (tag == "exploit") return true;
  for (let i = 0; i < EXPLOIT_PREFIXES.length; i++) if (category.startsWith(EXPLOIT_PREFIXES[i])) return true;
  return false;
}

/**
 * The T labels of spec §8.4: services as canonical strings (§6.3 `<cluster>/<ns>/<sa>`, else
 * the workload, else `external`); ip and token are empty unless metrics_identity_labels is set.
 */
export function transactionLabels(config: PluginConfig, policyPath: string, localService: string, peerService: string, outbound: bool, ip: string, token: string): string {
  // Steady traffic repeats the same labels request after request: comparing the inputs with
  // the last ones costs a few string compares, rendering costs seven segments' concatenations.
  const last = lastLabels;
  if (last !== null && last.deployment == config.deploymentName && last.outbound == outbound && last.policyPath == policyPath &&
      last.localService == localService && last.peerService == peerService && last.ip == ip && last.token == token) {
    return last.rendered;
  }
  const rendered = renderTransactionLabels(config, policyPath, localService, peerService, outbound, ip, token);
  lastLabels = new RenderedLabels(config.deploymentName, policyPath, localService, peerService, outbound, ip, token, rendered);
  return rendered;
}

/** The inputs and result of the last transactionLabels call. */
class RenderedLabels {
  constructor(
    public deployment: string, public policyPath: string, public localService: string, public peerService: string,
    public outbound: bool, public ip: string, public token: string, public rendered: string,
  ) {}
}
let lastLabels: RenderedLabels | null = null;

function renderTransactionLabels(config: PluginConfig, policyPath: string, localService: string, peerService: string, outbound: bool, ip: string, token: string): string {
  return labelSegment("deployment", config.deploymentName) +
    labelSegment("policy_path", policyPath) +
    labelSegment("local_service", localService) +
    labelSegment("peer_service", peerService) +
    labelSegment("is_outbound", outbound ? "true" : "false") +
    labelSegment("ip", stripPort(ip)) +
    labelSegment("token", token);
}
