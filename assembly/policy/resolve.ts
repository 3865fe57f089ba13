// Endpoint resolution (spec §4.3) and the policy path (§5.2): at request headers, the
// endpoints whose `matches` pass are applied from least to most specific, and their entries
// are inserted by key (a later entry replaces the whole earlier one). The result is one
// EffectiveConfig per request target, with report style, bits and search already resolved
// through the three levels, so the scanning code reads plain values.
import { Policy, ServiceScope } from "./policy";
import { Endpoint } from "./endpoint";
import { MatchConfig, Action, SEARCH_UNSET, SEARCH_DEFAULT } from "./match-config";
import { Glob, GlobMatch, ComponentKind, GlobComponent, matchGlob, renderGlob, splitTarget, targetPolicyPath } from "./glob";
import { compareSpecificity, compareShape } from "./specificity";
import { RuleFilter, RuleFilterKind } from "./filters";
import { STYLE_UNSET, BITS_UNSET, ReportStyle } from "./report";
import { TokenExtractor } from "./token-extractor";
import { ExploitDetection } from "./exploit-detection";
import { BodyExtractors, mergeBodyExtractors } from "./extractors";
import { filterRulesAccept } from "./filter-rules";
import { ServiceIdentity, serviceFilterPasses, anyServiceFilterPasses } from "./service-eval";
import { parseIpRange } from "./ip";
import { asciiLower } from "./read";

/**
 * Request-side data for RuleFilter endpoints, which are evaluated once, at request headers
 * (§4.1). Leaves evaluated here: endpoint, policy_path, token, ip, request_headers,
 * request_cookie, local_service, peer_service (and their exclude_ forms), any/all,
 * response_inbound/outbound. The host fills in what it knows (the service identities come
 * from §6.3's sources); a leaf whose data is unknown is false (§6.4 Decision); response and
 * match leaves are false at request headers (§4.1).
 */
export class RequestFacts {
  /** Outbound listener (§6.1 `listener_direction`, or the plugin's `direction`). */
  outbound: bool = false;
  /** Request headers: lowercased names, values in the same order; repeated names allowed. */
  headerNames: Array<string> = [];
  headerValues: Array<string> = [];
  /** The extracted token (§4.4), or null: filters then see "". */
  token: string | null = null;
  /** source.address (the port is ignored); "" if unknown. */
  sourceAddress: string = "";
  /** §6.3 identities; null if unknown (service leaves are then false). */
  localService: ServiceIdentity | null = null;
  peerService: ServiceIdentity | null = null;

  addHeader(name: string, value: string): void {
    this.headerNames.push(asciiLower(name));
    this.headerValues.push(value);
  }

  /** local_service / peer_service leaves. Unknown identity: false. */
  serviceMatches(f: RuleFilter): bool {
    const svc = f.kind == RuleFilterKind.LocalService ? this.localService : this.peerService;
    if (svc === null) return false;
    const hit = anyServiceFilterPasses(f.services, svc, this.outbound);
    return f.exclude ? !hit : hit;
  }

  /** Does the local service match a legacy `services` item's filter? Unknown: no. */
  inServiceScope(scope: ServiceScope): bool {
    const svc = this.localService;
    const filter = scope.filter;
    if (svc === null || filter === null) return false;
    return serviceFilterPasses(filter, svc, this.outbound);
  }

  /** The request-side leaves (token, ip, headers, cookies, services). */
  leaf(f: RuleFilter): bool {
    switch (f.kind) {
      case RuleFilterKind.Token: {
        const t = this.token;
        const hit = filterRulesAccept(f.rules, t === null ? "" : t);
        return f.exclude ? !hit : hit;
      }
      case RuleFilterKind.Ip: {
        const addr = parseIpRange(stripPort(this.sourceAddress));
        if (addr === null) return false;
        let hit = false;
        for (let i = 0; i < f.ips.length && !hit; i++) hit = f.ips[i].contains(addr);
        return f.exclude ? !hit : hit;
      }
      case RuleFilterKind.RequestHeaders:
        return headersPass(f, this.headerNames, this.headerValues);
      case RuleFilterKind.RequestCookie: {
        const names = new Array<string>();
        const values = new Array<string>();
        splitCookies(this.headerNames, this.headerValues, names, values);
        return headersPass(f, names, values);
      }
      case RuleFilterKind.LocalService:
      case RuleFilterKind.PeerService:
        return this.serviceMatches(f);
    }
    return false;
  }
}

/** §6.1: plain — each listed name exists and one of its values passes; exclude_ — each
 *  listed name is absent, or none of its values pass. */
function headersPass(f: RuleFilter, names: Array<string>, values: Array<string>): bool {
  for (let t = 0; t < f.headers.length; t++) {
    const test = f.headers[t];
    let passed = false;
    for (let i = 0; i < names.length && !passed; i++) {
      if (names[i] == test.name && filterRulesAccept(test.rules, values[i])) passed = true;
    }
    if (f.exclude ? passed : !passed) return false;
  }
  return true;
}

/** `Cookie` split on `;`, each pair trimmed, at the first `=` (§4.4 source). */
function splitCookies(headerNames: Array<string>, headerValues: Array<string>, names: Array<string>, values: Array<string>): void {
  for (let i = 0; i < headerNames.length; i++) {
    if (headerNames[i] != "cookie") continue;
    const pairs = headerValues[i].split(";");
    for (let j = 0; j < pairs.length; j++) {
      const pair = pairs[j].trim();
      const eq = pair.indexOf("=");
      if (eq <= 0) continue;
      names.push(pair.substring(0, eq).trim());
      values.push(pair.substring(eq + 1).trim());
    }
  }
}

/** `1.2.3.4:80` → `1.2.3.4`, `[::1]:80` → `::1`; a bare address is kept. */
function stripPort(a: string): string {
  if (a.startsWith("[")) {
    const close = a.indexOf("]");
    return close > 0 ? a.substring(1, close) : a;
  }
  const colon = a.indexOf(":");
  if (colon >= 0 && a.indexOf(":", colon + 1) < 0) return a.substring(0, colon);
  return a;
}

export class EffectiveEntry {
  constructor(
    public config: MatchConfig,
    /** The endpoint that contributed this entry. */
    public endpoint: Endpoint,
    /** That endpoint's rendered glob (§8.1 `matcher_path`). */
    public matcherPath: string,
    public reportStyle: ReportStyle,
    public reportBits: i32,
    /** Bitmask of SEARCH_* parts. */
    public search: i32,
  ) {}

  get key(): string {
    return this.config.key;
  }
}

/** An endpoint that applied, with the glob that decided its place (§4.3 step 2). */
export class AppliedEndpoint {
  constructor(public endpoint: Endpoint, public glob: Glob, public match: GlobMatch | null, public matcherPath: string) {}
}

export class EffectiveConfig {
  /** The split target (§5.1). */
  target: Array<string> = [];
  policyPath: string = "";
  /** Least to most specific. */
  endpoints: Array<AppliedEndpoint> = [];
  /** By key, in first-insertion order. */
  entries: Array<EffectiveEntry> = [];
  tokenExtractor: TokenExtractor | null = null;
  exploitDetection: ExploitDetection | null = null;
  requestExtractors: BodyExtractors | null = null;
  responseExtractors: BodyExtractors | null = null;
  /** BodyParser, or -1. */
  contentTypeOverride: i32 = -1;

  entry(key: string): EffectiveEntry | null {
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i].config.key == key) return this.entries[i];
    return null;
  }
}

/** The `**` that stands for a RuleFilter endpoint with no matching endpoint glob. */
const ANY_PATH: Glob = anyPathGlob();

function anyPathGlob(): Glob {
  const g = new Glob("**");
  g.components.push(new GlobComponent(ComponentKind.DoubleStar, "", false, "**"));
  g.doubleStars = 1;
  g.order = -1;
  return g;
}

/** §4.3 for a request target, with no request data beyond it. */
export function resolveEndpoint(policy: Policy, authority: string, path: string): EffectiveConfig {
  return resolveTarget(policy, splitTarget(authority, path), new RequestFacts());
}

export function resolveTarget(policy: Policy, target: Array<string>, facts: RequestFacts): EffectiveConfig {
  const out = new EffectiveConfig();
  out.target = target;

  // Legacy services (§2.2): a matching item's endpoints apply; `use_default_endpoints:
  // false` then skips the global ones.
  let skipGlobal = false;
  const scopeOn = new Array<bool>(policy.services.length);
  for (let i = 0; i < policy.services.length; i++) {
    scopeOn[i] = facts.inServiceScope(policy.services[i]);
    if (scopeOn[i] && !policy.services[i].useDefaultEndpoints) skipGlobal = true;
  }

  // Glob endpoints first: the policy path (§5.2 step 2) comes from them, and RuleFilter
  // endpoints may test it (`policy_path`), so it is fixed before they are evaluated.
  const applied = new Array<AppliedEndpoint>();
  for (let i = 0; i < policy.endpoints.length; i++) {
    const ep = policy.endpoints[i];
    if (!inScope(ep, scopeOn, skipGlobal) || ep.filter !== null) continue;
    let best: GlobMatch | null = null;
    for (let g = 0; g < ep.globs.length; g++) {
      const m = matchGlob(ep.globs[g], target);
      if (m !== null && (best === null || compareSpecificity(m.glob, best.glob) > 0)) best = m;
    }
    if (best !== null) applied.push(new AppliedEndpoint(ep, best.glob, best, renderGlob(best, target)));
  }
  out.policyPath = policyPath(policy, target, applied);
  for (let i = 0; i < policy.endpoints.length; i++) {
    const ep = policy.endpoints[i];
    if (!inScope(ep, scopeOn, skipGlobal) || ep.filter === null) continue;
    const ev = new FilterEvaluation(target, out.policyPath, facts);
    if (!ev.eval(ep.filter!)) continue;
    const m = ev.bestEndpointMatch;
    if (m !== null) applied.push(new AppliedEndpoint(ep, m.glob, m, renderGlob(m, target)));
    else applied.push(new AppliedEndpoint(ep, ANY_PATH, null, "**"));
  }

  // Least to most specific (§5.3 keys 1–5); ties: global before service-scoped (the item's endpoints win
  // ties, §2.2), then declaration order (§4.3 step 3).
  applied.sort((a: AppliedEndpoint, b: AppliedEndpoint): i32 => {
    const c = compareShape(a.glob, b.glob);
    if (c != 0) return c;
    const sa = a.endpoint.serviceScope >= 0 ? 1 : 0;
    const sb = b.endpoint.serviceScope >= 0 ? 1 : 0;
    if (sa != sb) return sa - sb;
    // Key 6 / §4.3 step 3: declaration order.
    return a.endpoint.index - b.endpoint.index;
  });
  out.endpoints = applied;

  for (let i = 0; i < applied.length; i++) {
    const a = applied[i];
    const ep = a.endpoint;
    for (let j = 0; j < ep.exploitEntries.length; j++) insertEntry(out, policy, a, ep.exploitEntries[j]);
    for (let j = 0; j < ep.config.length; j++) insertEntry(out, policy, a, ep.config[j]);
    if (ep.tokenExtractor !== null) out.tokenExtractor = ep.tokenExtractor;
    if (ep.exploitDetection !== null) out.exploitDetection = ep.exploitDetection;
    if (ep.contentTypeOverride >= 0) out.contentTypeOverride = ep.contentTypeOverride;
    out.requestExtractors = mergeBodyExtractors(out.requestExtractors, ep.requestExtractors);
    out.responseExtractors = mergeBodyExtractors(out.responseExtractors, ep.responseExtractors);
  }
  return out;
}

function inScope(ep: Endpoint, scopeOn: Array<bool>, skipGlobal: bool): bool {
  if (ep.serviceScope < 0) return !skipGlobal;
  return scopeOn[ep.serviceScope];
}

/** Inserts by key; a later entry replaces the whole earlier one, `ignore` deletes it. */
function insertEntry(out: EffectiveConfig, policy: Policy, a: AppliedEndpoint, mc: MatchConfig): void {
  let at = -1;
  for (let i = 0; i < out.entries.length; i++) {
    if (out.entries[i].config.key == mc.key) {
      at = i;
      break;
    }
  }
  if (mc.action == Action.Ignore) {
    if (at >= 0) out.entries.splice(at, 1);
    return;
  }
  const ep = a.endpoint;
  // Entry, then the contributing endpoint, then the root (§4.3).
  const style = mc.reportStyle != STYLE_UNSET ? mc.reportStyle : ep.reportStyle != STYLE_UNSET ? ep.reportStyle : <i32>policy.reportStyle;
  const bits = mc.reportBits != BITS_UNSET ? mc.reportBits : ep.reportBits != BITS_UNSET ? ep.reportBits : policy.reportBits;
  const search = mc.search != SEARCH_UNSET ? mc.search : ep.search != SEARCH_UNSET ? ep.search : SEARCH_DEFAULT;
  const e = new EffectiveEntry(mc, ep, a.matcherPath, <ReportStyle>style, bits, search);
  if (at >= 0) out.entries[at] = e;
  else out.entries.push(e);
}

/** §5.2: path_groups, else the most specific matching endpoint glob, else the target with
 *  all-digit components as `*`. */
function policyPath(policy: Policy, target: Array<string>, applied: Array<AppliedEndpoint>): string {
  let best: GlobMatch | null = null;
  for (let i = 0; i < policy.pathGroups.length; i++) {
    const m = matchGlob(policy.pathGroups[i], target);
    if (m !== null && (best === null || compareSpecificity(m.glob, best.glob) > 0)) best = m;
  }
  if (best === null) {
    for (let i = 0; i < applied.length; i++) {
      const m = applied[i].match;
      if (m !== null && (best === null || compareSpecificity(m.glob, best.glob) > 0)) best = m;
    }
  }
  if (best !== null) return renderGlob(best, target);
  return targetPolicyPath(target);
}

/** Evaluates an endpoint's RuleFilter at request headers, remembering the most specific
 *  `endpoint` glob that matched (its specificity key, §4.3 step 2). */
class FilterEvaluation {
  bestEndpointMatch: GlobMatch | null = null;
  policyPathParts: Array<string>;

  constructor(public target: Array<string>, public policyPath: string, public facts: RequestFacts) {
    this.policyPathParts = splitPolicyPath(policyPath);
  }

  eval(f: RuleFilter): bool {
    switch (f.kind) {
      case RuleFilterKind.All: {
        for (let i = 0; i < f.children.length; i++) if (!this.eval(f.children[i])) return false;
        return true;
      }
      case RuleFilterKind.Any: {
        let any = false;
        // No short cut: every matching endpoint glob competes for the specificity key.
        for (let i = 0; i < f.children.length; i++) if (this.eval(f.children[i])) any = true;
        return any;
      }
      case RuleFilterKind.Endpoint: {
        let hit = false;
        for (let i = 0; i < f.globs.length; i++) {
          const m = matchGlob(f.globs[i], this.target);
          if (m === null) continue;
          hit = true;
          if (!f.exclude) {
            const best = this.bestEndpointMatch;
            if (best === null || compareSpecificity(m.glob, best.glob) > 0) this.bestEndpointMatch = m;
          }
        }
        return f.exclude ? !hit : hit;
      }
      case RuleFilterKind.PolicyPath: {
        let hit = false;
        for (let i = 0; i < f.globs.length && !hit; i++) hit = matchGlob(f.globs[i], this.policyPathParts) !== null;
        return f.exclude ? !hit : hit;
      }
      case RuleFilterKind.ResponseOutbound: return this.facts.outbound;
      case RuleFilterKind.ResponseInbound: return !this.facts.outbound;
      case RuleFilterKind.ResponseHeaders:
      case RuleFilterKind.ResponseTrailers:
      case RuleFilterKind.RequestMatches:
      case RuleFilterKind.ResponseMatches:
      case RuleFilterKind.DownstreamMatches:
      case RuleFilterKind.UpstreamMatches:
        // Not known at request headers (§4.1): false.
        return false;
      default:
        return this.facts.leaf(f);
    }
  }
}

/** A policy path is already "authority/…" text; split it as a target without lowercasing
 *  or cutting at `?`. */
function splitPolicyPath(p: string): Array<string> {
  const out = new Array<string>();
  const parts = p.split("/");
  for (let i = 0; i < parts.length; i++) if (parts[i].length > 0) out.push(parts[i]);
  return out;
}
