import { readFileSync } from "node:fs";

export const DEFAULT_POLICY_PATH = new URL("../../examples/policies/default.yaml", import.meta.url);

/**
 * The plugin configuration `npm start` runs with when no --config or --policy is given: the
 * default policy of the ruleset library, inline as local_policy (as an Envoy config would
 * carry it).
 */
export function defaultPluginConfiguration(): string {
  const policy = readFileSync(DEFAULT_POLICY_PATH, "utf8");
  return `deployment_name: leakscope-dev\nlocal_policy: ${JSON.stringify(policy)}\n`;
}
