import { YamlKind } from "../yaml/index";
import { PluginConfig, parsePluginConfig } from "../config/plugin-config";
import { ConfigProblems } from "../config/diagnostics";
import { Policy, loadPolicy, loadPolicyText } from "../policy/index";

/** Everything one proxy_on_configure produced, good or bad. */
export class LoadedConfiguration {
  config: PluginConfig | null = null;
  policy: Policy | null = null;
  /** A local_policy was given (so a policy load was attempted). */
  hadPolicy: bool = false;
  /** It was a YAML string (positions count from the string), not a map in the configuration. */
  policyFromString: bool = false;
  fatal: bool = false;
  /** Positions in the plugin configuration (including a local_policy given as a map). */
  configProblems: ConfigProblems = new ConfigProblems();
  /** Positions inside a local_policy given as a YAML string. */
  policyStringProblems: ConfigProblems = new ConfigProblems();
}

/**
 * Parses the plugin configuration and its local policy (spec §1). Pure: no host calls, so it
 * is tested without a host. Fatal (the configuration is rejected): YAML that does not parse,
 * a top level that is not a map, and the policy errors of spec §2.3.
 */
export function loadConfiguration(bytes: Uint8Array): LoadedConfiguration {
  const out = new LoadedConfiguration();
  const parsed = parsePluginConfig(bytes);
  out.configProblems = parsed.problems;
  out.config = parsed.config;
  if (parsed.config === null || parsed.problems.hasFatal()) {
    out.fatal = true;
    return out;
  }
  const source = parsed.config!.localPolicy;
  if (source === null) return out;
  out.hadPolicy = true;
  if (source.kind == YamlKind.String) {
    out.policyFromString = true;
    // A string holds YAML of its own; its positions count from the string's first line.
    out.policy = loadPolicyText(Uint8Array.wrap(String.UTF8.encode(source.text)), out.policyStringProblems, "");
  } else {
    out.policy = loadPolicy(source, out.configProblems, "local_policy: ");
  }
  out.fatal = out.policy === null;
  return out;
}
