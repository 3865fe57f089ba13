// The L7 policy model (spec §2–§6). Entry points:
//   loadPolicy(root, problems)        a policy already parsed as YAML (e.g. a local_policy map)
//   loadPolicyText(bytes, problems)   YAML text (a local_policy string, a fetched policy)
//   resolveEndpoint(policy, authority, path)   the effective config of a request target (§4.3)
//   Policy.summary()                  one log line
// Layout: read.ts (typed readers, warnings with line:column) · match-rule.ts, internal.ts,
// category.ts (§3) · endpoint.ts, match-config.ts, token-extractor.ts, extractors.ts,
// exploit-detection.ts, report.ts, content-types.ts (§4, §7.4) · glob.ts, specificity.ts,
// resolve.ts (§4.3, §5) · filters.ts, services.ts, sbac.ts, rate-rules.ts,
// body-collection.ts, ip.ts, json-path.ts (§6, §7.3) · policy.ts (§2, cross-references).
export { Policy, loadPolicy, loadPolicyText, HeaderCollection, EnvCollection } from "./policy";
export { resolveEndpoint, resolveTarget, EffectiveConfig, EffectiveEntry, RequestFacts } from "./resolve";
