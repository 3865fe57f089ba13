// The policy document (spec §2): top-level fields, then the cross-references that need the
// whole document (correlate groups, config matchers, filter category names, exploit-detection
// categories). Everything is normalized here into plain data so the hot path does no string
// work. Lenient loading (§0): a bad item warns and is dropped; only §2.3 errors are fatal.
import { YamlNode, YamlKind, parseYaml } from "../yaml/index";
import { ConfigProblems } from "../config/diagnostics";
import { LoadContext, readEnum, readStrings, readNumber, readBool, oneOrMore, isStringLike, asciiLower } from "./read";
import { Category, readCategory } from "./category";
import { MatchRule, RuleKind } from "./match-rule";
import { InternalKind, InternalMatcher } from "./internal";
import { Endpoint, readEndpoint, GlobCounter } from "./endpoint";
import { Action, MatchConfig } from "./match-config";
import { Glob, parseGlob } from "./glob";
import { ContentTypeEntry, defaultContentTypes, readContentTypes } from "./content-types";
import { ReportStyle, readReportStyle, readReportBits, DEFAULT_REPORT_BITS, BITS_UNSET } from "./report";
import { SbacItem, readSbac } from "./sbac";
import { RateRule, readRateRules } from "./rate-rules";
import { BodyCollection, CollectionMode, readBodyCollection } from "./body-collection";
import { ServiceNameExtractor, ServiceFilter, readServiceNameExtractor, readServiceFilter } from "./services";
import { RuleFilter, MatchTest, readIp } from "./filters";
import { IpRange } from "./ip";
import { HASH_CATEGORY_PREFIX, ERROR_CATEGORY_PREFIX, hashCategoryName, errorCategoryName } from "./exploit-detection";

export const enum HeaderCollection { AllRequest, AllResponse, All, None }
export const HEADER_COLLECTION_NAMES: Array<string> = ["all_request", "all_response", "all", "none"];

export const enum EnvCollection { All, None, List }

/** §8.2 defaults. */
export const DEFAULT_REQUEST_HEADERS: Array<string> = [
  ":path", ":method", ":authority", ":scheme", "host", "accept", "accept-encoding", "accept-language", "cache-control",
  "referer", "user-agent", "x-request-id", "x-forwarded-for", "content-type", "grpc-encoding", "grpc-accept-encoding",
  "x-envoy-peer-metadata-id",
];
export const DEFAULT_RESPONSE_HEADERS: Array<string> = [
  ":status", "content-encoding", "content-type", "date", "server", "vary", "via", "grpc-encoding", "grpc-accept-encoding",
  "x-envoy-peer-metadata-id", "grpc-status", "grpc-message", "x-ls-request-id", "x-source", "x-ls-source", "x-sbac-rule",
];
export const DEFAULT_ENV_VARS: Array<string> = [
  "HOSTNAME", "POD_NAME", "INSTANCE_IP", "ISTIO_META_WORKLOAD_NAME", "ISTIO_META_MESH_ID", "TRUST_DOMAIN", "POD_NAMESPACE", "SERVICE_ACCOUNT",
];

/** Plugin-configuration keys (§1) sometimes written into a policy by mistake. */
const PLUGIN_KEYS: Array<string> = ["max_body_bytes", "max_buffer_bytes", "direction", "metrics_identity_labels", "regex_step_budget", "local_policy", "upstream_cluster", "api_key", "deployment_name"];

/** A legacy `services` item (§2.2): endpoints that apply when the local service matches. */
export class ServiceScope {
  filter: ServiceFilter | null = null;
  useDefaultEndpoints: bool = true;
}

export class Policy {
  /** Declaration order; built-in exploit-detection categories last. */
  categories: Array<Category> = [];
  endpoints: Array<Endpoint> = [];
  reportStyle: ReportStyle = ReportStyle.Raw;
  reportBits: i32 = DEFAULT_REPORT_BITS;
  sbac: Array<SbacItem> = [];
  rateRules: Array<RateRule> = [];
  bodyCollection: Array<BodyCollection> = [];
  collectedRequestHeaders: Array<string> = DEFAULT_REQUEST_HEADERS.slice(0);
  collectedResponseHeaders: Array<string> = DEFAULT_RESPONSE_HEADERS.slice(0);
  headerCollection: HeaderCollection = HeaderCollection.None;
  envCollection: EnvCollection = EnvCollection.List;
  collectedEnvVars: Array<string> = DEFAULT_ENV_VARS.slice(0);
  contentTypes: Array<ContentTypeEntry> = defaultContentTypes();
  localServiceName: ServiceNameExtractor = new ServiceNameExtractor();
  peerServiceName: ServiceNameExtractor = new ServiceNameExtractor();
  pathGroups: Array<Glob> = [];
  /** Top-level gate (§2.2 Decision): the policy is inactive when the local service fails it. */
  filter: ServiceFilter | null = null;
  blockedIps: Array<IpRange> = [];
  /** Hex tokens uppercased (compared case-insensitively, §6.7); others as written. */
  blockedTokens: Array<string> = [];
  services: Array<ServiceScope> = [];
  /** Warnings produced by this load (for the log summary). */
  warningCount: i32 = 0;

  /** Name → index into `categories`, kept by addCategory. */
  private categoryIndex: Map<string, i32> = new Map<string, i32>();

  category(name: string): Category | null {
    if (!this.categoryIndex.has(name)) return null;
    return this.categories[this.categoryIndex.get(name)];
  }

  addCategory(c: Category): void {
    this.categoryIndex.set(c.name, this.categories.length);
    this.categories.push(c);
  }

  ruleCount(): i32 {
    let n = 0;
    for (let i = 0; i < this.categories.length; i++) n += this.categories[i].rules.length;
    return n;
  }

  entryCount(): i32 {
    let n = 0;
    for (let i = 0; i < this.endpoints.length; i++) n += this.endpoints[i].config.length;
    return n;
  }

  /** One line for the log (issue 4 item 4). */
  summary(): string {
    return (
      "policy loaded: " + plural(this.categories.length, "category", "categories") +
      " (" + plural(this.ruleCount(), "rule", "rules") + "), " +
      plural(this.endpoints.length, "endpoint", "endpoints") +
      " (" + plural(this.entryCount(), "config entry", "config entries") + "), " +
      plural(this.sbac.length, "sbac item", "sbac items") + ", " +
      plural(this.rateRules.length, "rate rule", "rate rules") + ", " +
      plural(this.warningCount, "warning", "warnings")
    );
  }
}

function plural(n: i32, one: string, many: string): string {
  return n.toString() + " " + (n == 1 ? one : many);
}

/**
 * Loads a policy from its YAML root. Problems go to `problems` (positions in the document
 * `root` came from, messages prefixed by `prefix`). Returns null when a fatal error (§2.3)
 * was found; otherwise the policy, with every invalid item dropped after a warning.
 */
export function loadPolicy(root: YamlNode, problems: ConfigProblems, prefix: string = ""): Policy | null {
  const ctx = new LoadContext(problems, prefix);
  const fatalBefore = countFatal(problems);
  const warningsBefore = problems.countWarnings();
  if (root.kind != YamlKind.Mapping) {
    ctx.fail(root, "a policy must be a map, found " + (root.kind == YamlKind.Null ? "an empty document" : "a " + kindWord(root.kind)));
    return null;
  }
  const policy = readTopLevel(ctx, root);
  policy.warningCount = problems.countWarnings() - warningsBefore;
  return countFatal(problems) > fatalBefore ? null : policy;
}

/**
 * Parses YAML text, then loads it: for a `local_policy` given as a string, or a policy
 * fetched as text. Positions then refer to that text, which `prefix` says in each message
 * (default "local_policy: ").
 */
export function loadPolicyText(bytes: Uint8Array, problems: ConfigProblems, prefix: string = "local_policy: "): Policy | null {
  const doc = parseYaml(bytes);
  for (let i = 0; i < doc.warnings.length; i++) {
    const w = doc.warnings[i];
    problems.warn(w.line, w.column, prefix + w.message);
  }
  if (doc.errors.length > 0 || doc.root === null) {
    for (let i = 0; i < doc.errors.length; i++) {
      const e = doc.errors[i];
      problems.fail(e.line, e.column, prefix + "invalid YAML: " + e.message);
    }
    if (doc.errors.length == 0) problems.fail(1, 1, prefix + "invalid YAML: no document");
    return null;
  }
  const warningsBefore = problems.countWarnings() - doc.warnings.length;
  const p = loadPolicy(doc.root!, problems, prefix);
  if (p !== null) p.warningCount = problems.countWarnings() - warningsBefore;
  return p;
}

/**
 * The plugin configuration's `local_policy` (§1): a map is loaded in place (positions are
 * those of the plugin configuration); a string is parsed as its own YAML document, so its
 * positions refer to the string and every message starts with "local_policy: ".
 */
export function loadLocalPolicy(node: YamlNode, problems: ConfigProblems): Policy | null {
  if (node.kind == YamlKind.String) return loadPolicyText(Uint8Array.wrap(String.UTF8.encode(node.text)), problems);
  return loadPolicy(node, problems);
}

function countFatal(problems: ConfigProblems): i32 {
  let n = 0;
  for (let i = 0; i < problems.items.length; i++) if (problems.items[i].fatal) n++;
  return n;
}

function kindWord(kind: YamlKind): string {
  if (kind == YamlKind.Sequence) return "list";
  return "scalar";
}

function readTopLevel(ctx: LoadContext, root: YamlNode): Policy {
  const p = new Policy();
  const globs = new GlobCounter();
  let haveCategories = false;
  let bodyCollectionRate: f64 = NaN;
  let rateRulesKey = "";
  for (let i = 0; i < root.keys.length; i++) {
    const k = root.keys[i];
    const v = root.values[i];
    const key = k.text;
    if (key == "categories") {
      haveCategories = true;
      readCategories(ctx, v, p);
    } else if (key == "endpoints") {
      // §2.2 Decision: a lone map is accepted as a list of one.
      const items = oneOrMore(v);
      for (let j = 0; j < items.length; j++) {
        const ep = readEndpoint(ctx, items[j], globs);
        if (ep !== null) {
          ep.index = p.endpoints.length;
          p.endpoints.push(ep);
        }
      }
    } else if (key == "report_style") {
      const s = readReportStyle(ctx, v);
      if (s >= 0) p.reportStyle = <ReportStyle>s;
    } else if (key == "report_bits") {
      const b = readReportBits(ctx, v);
      if (b != BITS_UNSET) p.reportBits = b;
    } else if (key == "sbac") p.sbac = readSbac(ctx, v);
    else if (key == "rules" || key == "ratelimits") {
      if (rateRulesKey.length > 0) ctx.warn(k, "both 'rules' and 'ratelimits' are set (aliases); '" + key + "' replaces '" + rateRulesKey + "'");
      rateRulesKey = key;
      p.rateRules = readRateRules(ctx, v);
    } else if (key == "body_collection") readBodyCollection(ctx, v, p.bodyCollection);
    else if (key == "body_collection_rate") bodyCollectionRate = readNumber(ctx, v, "body_collection_rate", 0, 1);
    else if (key == "collected_request_headers") p.collectedRequestHeaders = lowerAll(readStrings(ctx, v, "collected_request_headers"));
    else if (key == "collected_response_headers") p.collectedResponseHeaders = lowerAll(readStrings(ctx, v, "collected_response_headers"));
    else if (key == "header_collection") {
      const h = readEnum(ctx, v, "header_collection", HEADER_COLLECTION_NAMES);
      if (h >= 0) p.headerCollection = <HeaderCollection>h;
    } else if (key == "collected_env_vars") readEnvVars(ctx, v, p);
    else if (key == "content_types") readContentTypes(ctx, v, p.contentTypes);
    else if (key == "stream_types" || key == "file_types") {
      // L4 / LeakFile settings: shape-checked, then ignored (§2.2).
      if (v.kind != YamlKind.Mapping && v.kind != YamlKind.Sequence && v.kind != YamlKind.Null) ctx.wrongType(v, key, "a map or a list");
    } else if (key == "stream_upload_interval") {
      if (v.kind != YamlKind.Int && v.kind != YamlKind.Float && v.kind != YamlKind.String && v.kind != YamlKind.Null) ctx.wrongType(v, key, "a number or a duration");
    } else if (key == "local_service_name") p.localServiceName = readServiceNameExtractor(ctx, v, key);
    else if (key == "peer_service_name") p.peerServiceName = readServiceNameExtractor(ctx, v, key);
    else if (key == "path_groups") {
      const items = oneOrMore(v);
      for (let j = 0; j < items.length; j++) {
        if (!isStringLike(items[j])) {
          ctx.wrongType(items[j], "path_groups item", "a glob");
          continue;
        }
        const g = parseGlob(ctx, items[j], items[j].text);
        if (g !== null) {
          g.order = globs.next();
          p.pathGroups.push(g);
        }
      }
    } else if (key == "filter") p.filter = readServiceFilter(ctx, v);
    else if (key == "blocked_ips") {
      const items = oneOrMore(v);
      for (let j = 0; j < items.length; j++) {
        const r = readIp(ctx, items[j]);
        if (r !== null) p.blockedIps.push(r);
      }
    } else if (key == "blocked_tokens") {
      const tokens = readStrings(ctx, v, "blocked_tokens");
      for (let j = 0; j < tokens.length; j++) p.blockedTokens.push(normalizeBlockedToken(tokens[j]));
    } else if (key == "services") readServices(ctx, v, p, globs);
    else if (key == "collect_matched_values") {
      // Legacy; ignored (§2.2).
    } else if (PLUGIN_KEYS.includes(key)) {
      ctx.warn(k, "'" + key + "' is a plugin configuration key (§1), not a policy key; ignored");
    } else ctx.unknownKey(k, "the policy");
  }
  if (!haveCategories) ctx.warn(root, "the policy has no 'categories'; using {}");
  if (!isNaN(bodyCollectionRate)) {
    // Legacy ≡ appending {mode: response_only, sample_rate: r}.
    const b = new BodyCollection();
    b.mode = CollectionMode.ResponseOnly;
    b.sampleRate = bodyCollectionRate;
    p.bodyCollection.push(b);
  }
  addExploitDetectionCategories(p);
  resolveCorrelateGroups(ctx, p);
  resolveConfigMatchers(ctx, p);
  checkFilterCategories(ctx, p);
  return p;
}

function readCategories(ctx: LoadContext, v: YamlNode, p: Policy): void {
  if (v.kind == YamlKind.Null) return;
  if (v.kind != YamlKind.Mapping) {
    ctx.wrongType(v, "categories", "a map of name to category");
    return;
  }
  for (let j = 0; j < v.keys.length; j++) {
    const nameNode = v.keys[j];
    const name = nameNode.text;
    if (name.startsWith(HASH_CATEGORY_PREFIX) || name.startsWith(ERROR_CATEGORY_PREFIX)) {
      ctx.warn(nameNode, "category '" + name + "' uses a reserved exploit-detection name and cannot be redefined; dropped");
      continue;
    }
    const c = readCategory(ctx, nameNode, v.values[j]);
    if (c !== null) p.addCategory(c);
  }
}

function readEnvVars(ctx: LoadContext, v: YamlNode, p: Policy): void {
  if (v.kind == YamlKind.String && v.text == "all") p.envCollection = EnvCollection.All;
  else if (v.kind == YamlKind.String && v.text == "none") p.envCollection = EnvCollection.None;
  else if (v.kind == YamlKind.Sequence) {
    // The default plus the listed names (§8.2).
    const names = readStrings(ctx, v, "collected_env_vars");
    for (let i = 0; i < names.length; i++) if (!p.collectedEnvVars.includes(names[i])) p.collectedEnvVars.push(names[i]);
  } else ctx.wrongType(v, "collected_env_vars", "all, none or a list of names");
}

function readServices(ctx: LoadContext, v: YamlNode, p: Policy, globs: GlobCounter): void {
  const items = oneOrMore(v);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind != YamlKind.Mapping) {
      ctx.wrongType(it, "services item", "a map {filter, endpoints, use_default_endpoints}");
      continue;
    }
    const scope = new ServiceScope();
    const scopeIndex = p.services.length;
    const endpoints = new Array<Endpoint>();
    let ok = true;
    for (let j = 0; j < it.keys.length; j++) {
      const k = it.keys[j];
      const val = it.values[j];
      if (k.text == "filter") {
        scope.filter = readServiceFilter(ctx, val);
        if (scope.filter === null) ok = false;
      } else if (k.text == "endpoints") {
        const eps = oneOrMore(val);
        for (let e = 0; e < eps.length; e++) {
          const ep = readEndpoint(ctx, eps[e], globs);
          if (ep !== null) endpoints.push(ep);
        }
      } else if (k.text == "use_default_endpoints") scope.useDefaultEndpoints = readBool(ctx, val, "use_default_endpoints", true);
      else ctx.unknownKey(k, "services item");
    }
    if (!ok) {
      ctx.warn(it, "services item dropped: its filter is invalid");
      continue;
    }
    p.services.push(scope);
    for (let e = 0; e < endpoints.length; e++) {
      endpoints[e].serviceScope = scopeIndex;
      endpoints[e].index = p.endpoints.length;
      p.endpoints.push(endpoints[e]);
    }
  }
}

/** §6.7: hex tokens compare case-insensitively, so they are stored uppercased. */
function normalizeBlockedToken(t: string): string {
  if (t.length == 0) return t;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex) return t;
  }
  return t.toUpperCase();
}

function lowerAll(names: Array<string>): Array<string> {
  for (let i = 0; i < names.length; i++) names[i] = asciiLower(names[i]);
  return names;
}

/** §4.6: each hash / error type watched by some endpoint becomes a built-in category. */
function addExploitDetectionCategories(p: Policy): void {
  for (let i = 0; i < p.endpoints.length; i++) {
    const ep = p.endpoints[i];
    const ed = ep.exploitDetection;
    if (ed === null) continue;
    const at = new YamlNode(YamlKind.Null, ed.line, ed.column);
    for (let h = 0; h < ed.hashes.length; h++) {
      const name = hashCategoryName(ed.hashes[h]);
      let cat = p.category(name);
      if (cat === null) {
        const m = new InternalMatcher(InternalKind.Hash);
        m.hashTypes.push(ed.hashes[h]);
        cat = builtinCategory(name, m, at);
        p.addCategory(cat);
      }
      ep.exploitEntries.push(builtinEntry(cat, at));
    }
    for (let e = 0; e < ed.errorTypes.length; e++) {
      const name = errorCategoryName(ed.errorTypes[e]);
      let cat = p.category(name);
      if (cat === null) {
        const m = new InternalMatcher(InternalKind.ErrorText);
        m.errorTypes.push(ed.errorTypes[e]);
        cat = builtinCategory(name, m, at);
        p.addCategory(cat);
      }
      ep.exploitEntries.push(builtinEntry(cat, at));
    }
  }
}

function builtinEntry(cat: Category, at: YamlNode): MatchConfig {
  const mc = new MatchConfig(cat.name, at);
  mc.category = cat;
  return mc;
}

function builtinCategory(name: string, m: InternalMatcher, at: YamlNode): Category {
  const c = new Category(name);
  c.builtin = true;
  c.line = at.line;
  c.column = at.column;
  const r = new MatchRule(RuleKind.Internal, at);
  r.internal = m;
  c.rules.push(r);
  c.partition();
  return c;
}

/** §3.5: a correlate naming a category uses its rules; the category must exist, and its
 *  own correlates are ignored (warning). A missing one drops the correlate. */
function resolveCorrelateGroups(ctx: LoadContext, p: Policy): void {
  for (let i = 0; i < p.categories.length; i++) {
    const cat = p.categories[i];
    let changed = false;
    const kept = new Array<MatchRule>();
    for (let r = 0; r < cat.rules.length; r++) {
      const rule = cat.rules[r];
      if (rule.kind == RuleKind.Correlate && rule.correlate!.groupName.length > 0) {
        const corr = rule.correlate!;
        const target = p.category(corr.groupName);
        if (target === null) {
          ctx.warn(corr.groupNode!, "correlate names category '" + corr.groupName + "', which does not exist; correlate dropped");
          changed = true;
          continue;
        }
        if (target.correlates.length > 0) {
          ctx.warn(corr.groupNode!, "category '" + corr.groupName + "' has correlates of its own; they are ignored when it serves as a correlate's matches");
        }
      }
      kept.push(rule);
    }
    if (changed) {
      cat.rules = kept;
      cat.partition();
    }
  }
}

/** §4.2: `matcher` (default: the key) must name a category; an entry that names none is
 *  dropped. `action: ignore` entries only delete, so they need no category. */
function resolveConfigMatchers(ctx: LoadContext, p: Policy): void {
  for (let i = 0; i < p.endpoints.length; i++) {
    const ep = p.endpoints[i];
    const kept = new Array<MatchConfig>();
    for (let j = 0; j < ep.config.length; j++) {
      const mc = ep.config[j];
      if (mc.action != Action.Ignore) {
        const cat = p.category(mc.matcher);
        if (cat === null) {
          ctx.warnAt(mc.line, mc.column, "config '" + mc.key + "' uses category '" + mc.matcher + "', which does not exist; entry dropped");
          continue;
        }
        mc.category = cat;
      }
      kept.push(mc);
    }
    ep.config = kept;
  }
}

/** Filters name categories by their emitted names (§4.2 `name`): a name that no category,
 *  config entry or built-in can emit is a reference to a missing category (§0): warning,
 *  and that map entry is dropped. `"*"` is every match. */
function checkFilterCategories(ctx: LoadContext, p: Policy): void {
  const known = new Array<string>();
  for (let i = 0; i < p.categories.length; i++) known.push(p.categories[i].name);
  for (let i = 0; i < p.endpoints.length; i++) {
    const cfg = p.endpoints[i].config;
    for (let j = 0; j < cfg.length; j++) known.push(cfg[j].name);
  }
  const filters = new Array<RuleFilter>();
  for (let i = 0; i < p.sbac.length; i++) filters.push(p.sbac[i].filter);
  for (let i = 0; i < p.rateRules.length; i++) if (p.rateRules[i].filter !== null) filters.push(p.rateRules[i].filter!);
  for (let i = 0; i < p.bodyCollection.length; i++) if (p.bodyCollection[i].filter !== null) filters.push(p.bodyCollection[i].filter!);
  for (let i = 0; i < p.endpoints.length; i++) if (p.endpoints[i].filter !== null) filters.push(p.endpoints[i].filter!);
  for (let i = 0; i < filters.length; i++) pruneMatchTests(ctx, filters[i], known);
}

function pruneMatchTests(ctx: LoadContext, f: RuleFilter, known: Array<string>): void {
  if (f.matches.length > 0) {
    const kept = new Array<MatchTest>();
    for (let i = 0; i < f.matches.length; i++) {
      const t = f.matches[i];
      if (t.category == "*" || known.includes(t.category)) kept.push(t);
      else ctx.warnAt(t.line, t.column, "filter names category '" + t.category + "', which no category or config entry emits; dropped");
    }
    f.matches = kept;
  }
  for (let i = 0; i < f.children.length; i++) pruneMatchTests(ctx, f.children[i], known);
}
