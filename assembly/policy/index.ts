// The L7 policy model (spec §2–§6). Entry points:
//   loadPolicy(root, problems)        a policy already parsed as YAML (e.g. a local_policy map)
//   loadPolicyText(bytes, problems)   YAML text (a local_policy string, a fetched policy)
//   loadLocalPolicy(node, problems)   PluginConfig.localPolicy, map or string
//   resolveEndpoint(policy, authority, path)   the effective config of a request target (§4.3)
//   Policy.summary()                  one log line
// Layout: read.ts (typed readers, warnings with line:column) · match-rule.ts, internal.ts,
// category.ts (§3) · endpoint.ts, match-config.ts, token-extractor.ts, extractors.ts,
// exploit-detection.ts, report.ts, content-types.ts (§4, §7.4) · glob.ts, specificity.ts,
// resolve.ts (§4.3, §5) · filters.ts, services.ts, sbac.ts, rate-rules.ts,
// body-collection.ts, ip.ts, json-path.ts (§6, §7.3) · policy.ts (§2, cross-references).
// Evaluation helpers over the model: full-match.ts (whole-value regex), filter-rules.ts and
// internal-validate.ts (filter-mode rules), service-eval.ts and service-identity.ts (§6.3),
// RequestFacts in resolve.ts (request-side RuleFilter leaves).
export { Policy, loadPolicy, loadPolicyText, loadLocalPolicy, HeaderCollection, EnvCollection } from "./policy";
export { resolveEndpoint, resolveTarget, EffectiveConfig, EffectiveEntry, RequestFacts } from "./resolve";
export { Category } from "./category";
export { MatchRule, RuleKind, Correlate, CorrelateInterest } from "./match-rule";
export { InternalMatcher, InternalKind, HASH_TYPES, ERROR_TYPES } from "./internal";
export { Endpoint } from "./endpoint";
export { MatchConfig, Action, ContextSet, SEARCH_REQUEST_BODY, SEARCH_RESPONSE_BODY, SEARCH_REQUEST_HEADER, SEARCH_RESPONSE_HEADER } from "./match-config";
export { ReportStyle } from "./report";
export { BodyParser, ContentTypeEntry, parserFor } from "./content-types";
export { TokenExtractor, TokenLocation, ExtractorStep, StepKind } from "./token-extractor";
export { BodyExtractors, BodyExtractor } from "./extractors";
export { ExploitDetection } from "./exploit-detection";
export { Glob, splitTarget } from "./glob";
export { RuleFilter, RuleFilterKind, MatchRuleFilter, MatchConstraint } from "./filters";
export { ServiceFilter, ServiceFilterKind, ServiceNameExtractor, ServiceNameSource, NameSourceKind } from "./services";
export { SbacItem } from "./sbac";
export { ServiceIdentity, serviceFilterPasses } from "./service-eval";
export { ServiceEnvironment, resolveServiceIdentity, istioIdentity, parseSpiffeId } from "./service-identity";
export { filterRulesAccept, setInternalValidator } from "./filter-rules";
export { IpRange, parseIpRange } from "./ip";
export { JsonPath, JsonPathSegment, SegmentKind } from "./json-path";
