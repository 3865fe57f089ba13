// RuleFilter (spec §6.1) and MatchRuleFilter (§6.2): the predicates of sbac, rules,
// body_collection and endpoint `matches`. Loaded into a tree of plain nodes: globs parsed,
// rules in filter mode (anchored), IPs as byte ranges, header names lowercased.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, Choice, choiceOf, isStringLike, oneOrMore, readInt, asciiLower } from "./read";
import { MatchRule, RuleMode, RulePlace, readRules } from "./match-rule";
import { Glob, parseGlob } from "./glob";
import { ServiceFilter, readServiceFilter } from "./services";
import { IpRange, parseIpRange } from "./ip";
import { JsonPath, parseMatchPathPattern } from "./json-path";

export const enum RuleFilterKind {
  Any, All, Endpoint, PolicyPath, LocalService, PeerService, Token, Ip,
  RequestHeaders, ResponseHeaders, ResponseTrailers, RequestCookie,
  RequestMatches, ResponseMatches, DownstreamMatches, UpstreamMatches,
  ResponseOutbound, ResponseInbound,
}

/** Key names, indexed by RuleFilterKind (Any and All first). */
export const RULE_FILTER_KEYS: Array<string> = [
  "any", "all", "endpoint", "policy_path", "local_service", "peer_service", "token", "ip",
  "request_headers", "response_headers", "response_trailers", "request_cookie",
  "request_matches", "response_matches", "downstream_matches", "upstream_matches",
  "response_outbound", "response_inbound",
];

/** `name → rules` of the header and cookie leaves. */
export class HeaderTest {
  constructor(public name: string, public rules: Array<MatchRule>) {}
}

/** `category → MatchRuleFilter` of the *_matches leaves; `"*"` is every match. */
export class MatchTest {
  constructor(public category: string, public filter: MatchRuleFilter, public line: i32, public column: i32) {}
}

export class RuleFilter {
  kind: RuleFilterKind;
  /** `exclude_…`: passes when none of the items matches. */
  exclude: bool = false;
  children: Array<RuleFilter> = [];
  globs: Array<Glob> = [];
  services: Array<ServiceFilter> = [];
  rules: Array<MatchRule> = [];
  ips: Array<IpRange> = [];
  headers: Array<HeaderTest> = [];
  matches: Array<MatchTest> = [];
  line: i32;
  column: i32;

  constructor(kind: RuleFilterKind, at: YamlNode) {
    this.kind = kind;
    this.line = at.line;
    this.column = at.column;
  }

  /** Every glob of endpoint leaves in this tree (not under exclude): the candidates for an
   *  endpoint's specificity key (§4.3 step 2). */
  collectEndpointGlobs(out: Array<Glob>): void {
    if (this.kind == RuleFilterKind.Endpoint && !this.exclude) for (let i = 0; i < this.globs.length; i++) out.push(this.globs[i]);
    for (let i = 0; i < this.children.length; i++) this.children[i].collectEndpointGlobs(out);
  }

  collectMatchTests(out: Array<MatchTest>): void {
    for (let i = 0; i < this.matches.length; i++) out.push(this.matches[i]);
    for (let i = 0; i < this.children.length; i++) this.children[i].collectMatchTests(out);
  }
}

/** One RuleFilter, or null after a warning. */
export function readRuleFilter(ctx: LoadContext, node: YamlNode): RuleFilter | null {
  if (node.tag.length == 0 && node.kind == YamlKind.String) {
    if (node.text == "response_outbound") return new RuleFilter(RuleFilterKind.ResponseOutbound, node);
    if (node.text == "response_inbound") return new RuleFilter(RuleFilterKind.ResponseInbound, node);
    ctx.warn(node, "a filter string must be response_outbound or response_inbound, found '" + node.text + "'; filter dropped");
    return null;
  }
  if (node.kind == YamlKind.Mapping && node.tag.length == 0 && node.keys.length != 1) {
    if (node.keys.length == 0) {
      ctx.warn(node, "an empty filter map; filter dropped");
      return null;
    }
    // §6.1 Decision: several keys are `all` over them.
    ctx.warn(node, "a filter has " + node.keys.length.toString() + " keys; treated as 'all' over them");
    const all = new RuleFilter(RuleFilterKind.All, node);
    for (let i = 0; i < node.keys.length; i++) {
      const f = readFilterChoice(ctx, new Choice(node.keys[i].text, node.keys[i], node.values[i]));
      if (f !== null) all.children.push(f);
    }
    return all;
  }
  const choice = choiceOf(node);
  if (choice === null) {
    ctx.wrongType(node, "filter", "a one-key map, response_outbound or response_inbound");
    return null;
  }
  return readFilterChoice(ctx, changetype<Choice>(choice));
}

function readFilterChoice(ctx: LoadContext, c: Choice): RuleFilter | null {
  let name = c.name;
  let exclude = false;
  if (name.startsWith("exclude_")) {
    exclude = true;
    name = name.substring(8);
  }
  const k = RULE_FILTER_KEYS.indexOf(name);
  const excludable = k >= <i32>RuleFilterKind.Endpoint && k <= <i32>RuleFilterKind.RequestCookie;
  if (k < 0 || (exclude && !excludable)) {
    ctx.warn(c.at, "unknown filter key '" + c.name + "'; filter dropped");
    return null;
  }
  const kind = <RuleFilterKind>k;
  const f = new RuleFilter(kind, c.at);
  f.exclude = exclude;
  if (kind == RuleFilterKind.ResponseOutbound || kind == RuleFilterKind.ResponseInbound) return f;
  const v = c.value;
  if (v === null) {
    ctx.warn(c.at, "filter '" + c.name + "' needs a value; filter dropped");
    return null;
  }
  const value = v;
  switch (kind) {
    case RuleFilterKind.Any:
    case RuleFilterKind.All: {
      const items = oneOrMore(value);
      for (let i = 0; i < items.length; i++) {
        const child = readRuleFilter(ctx, items[i]);
        if (child !== null) f.children.push(child);
      }
      return f;
    }
    case RuleFilterKind.Endpoint:
    case RuleFilterKind.PolicyPath: {
      const items = oneOrMore(value);
      for (let i = 0; i < items.length; i++) {
        if (!isStringLike(items[i])) { ctx.wrongType(items[i], c.name, "a glob"); continue; }
        const g = parseGlob(ctx, items[i], items[i].text);
        if (g !== null) f.globs.push(g);
      }
      return nonEmpty(ctx, c, f.globs.length) ? f : null;
    }
    case RuleFilterKind.LocalService:
    case RuleFilterKind.PeerService: {
      const items = oneOrMore(value);
      for (let i = 0; i < items.length; i++) {
        const s = readServiceFilter(ctx, items[i]);
        if (s !== null) f.services.push(s);
      }
      return nonEmpty(ctx, c, f.services.length) ? f : null;
    }
    case RuleFilterKind.Token: {
      f.rules = readRules(ctx, value, new RulePlace(RuleMode.Filter, false, false));
      return nonEmpty(ctx, c, f.rules.length) ? f : null;
    }
    case RuleFilterKind.Ip: {
      const items = oneOrMore(value);
      for (let i = 0; i < items.length; i++) {
        const r = readIp(ctx, items[i]);
        if (r !== null) f.ips.push(r);
      }
      return nonEmpty(ctx, c, f.ips.length) ? f : null;
    }
    case RuleFilterKind.RequestHeaders:
    case RuleFilterKind.ResponseHeaders:
    case RuleFilterKind.ResponseTrailers:
    case RuleFilterKind.RequestCookie: {
      if (value.kind != YamlKind.Mapping) {
        ctx.wrongType(value, c.name, "a map of name to rules");
        return null;
      }
      // Header names are case-insensitive (§0); cookie names are compared as written.
      const lower = kind != RuleFilterKind.RequestCookie;
      for (let i = 0; i < value.keys.length; i++) {
        const rules = readRules(ctx, value.values[i], new RulePlace(RuleMode.Filter, false, false));
        const hn = value.keys[i].text;
        f.headers.push(new HeaderTest(lower ? asciiLower(hn) : hn, rules));
      }
      return nonEmpty(ctx, c, f.headers.length) ? f : null;
    }
    default: {
      // request_matches, response_matches, downstream_matches, upstream_matches
      if (value.kind != YamlKind.Mapping) {
        ctx.wrongType(value, c.name, "a map of category to match filter");
        return null;
      }
      for (let i = 0; i < value.keys.length; i++) {
        const mf = readMatchRuleFilter(ctx, value.values[i]);
        if (mf !== null) f.matches.push(new MatchTest(value.keys[i].text, mf, value.keys[i].line, value.keys[i].column));
      }
      return nonEmpty(ctx, c, f.matches.length) ? f : null;
    }
  }
}

function nonEmpty(ctx: LoadContext, c: Choice, n: i32): bool {
  if (n > 0) return true;
  ctx.warn(c.at, "filter '" + c.name + "' holds no valid item; filter dropped");
  return false;
}

export function readIp(ctx: LoadContext, node: YamlNode): IpRange | null {
  if (!isStringLike(node)) {
    ctx.wrongType(node, "ip", "an IP address or CIDR");
    return null;
  }
  const r = parseIpRange(node.text);
  if (r === null) ctx.warn(node, "'" + node.text + "' is not an IP address or CIDR; ignored");
  return r;
}

/** One constraint object of a MatchRuleFilter (§6.2); its keys are ANDed. */
export class MatchConstraint {
  paths: Array<JsonPath> = [];
  excludePaths: Array<JsonPath> = [];
  /** Filter-mode rules on the matched text, before hashing; empty = no test. */
  value: Array<MatchRule> = [];
  /** Minimum number of qualifying matches. */
  count: i32 = 1;
  any: Array<MatchRuleFilter> = [];
  all: Array<MatchRuleFilter> = [];
}

/** A list of constraints, ANDed. */
export class MatchRuleFilter {
  constraints: Array<MatchConstraint> = [];
}

export function readMatchRuleFilter(ctx: LoadContext, node: YamlNode): MatchRuleFilter | null {
  const mf = new MatchRuleFilter();
  if (node.kind == YamlKind.Int) {
    // n ≡ [{count: n}]
    const c = new MatchConstraint();
    const n = readInt(ctx, node, "match count", 0, 0x7fffffff, -1);
    if (n < 0) return null;
    c.count = <i32>n;
    mf.constraints.push(c);
    return mf;
  }
  if (node.kind == YamlKind.String) {
    // p ≡ [{path: p}] (§6.2 Decision)
    const c = new MatchConstraint();
    if (!readPathPatterns(ctx, node, c.paths)) return null;
    mf.constraints.push(c);
    return mf;
  }
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const c = readConstraint(ctx, items[i]);
    if (c !== null) mf.constraints.push(c);
  }
  if (mf.constraints.length == 0 && items.length > 0) return null;
  return mf;
}

function readConstraint(ctx: LoadContext, node: YamlNode): MatchConstraint | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "match filter constraint", "a map (path, exclude_path, value, count, any, all)");
    return null;
  }
  const c = new MatchConstraint();
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    const key = k.text;
    if (key == "path") {
      if (!readPathPatterns(ctx, v, c.paths)) return null;
    } else if (key == "exclude_path") {
      if (!readPathPatterns(ctx, v, c.excludePaths)) return null;
    } else if (key == "value") {
      c.value = readRules(ctx, v, new RulePlace(RuleMode.Filter, false, false));
      if (c.value.length == 0) {
        ctx.warn(k, "match filter 'value' holds no valid rule; constraint dropped");
        return null;
      }
    } else if (key == "count") {
      const n = readInt(ctx, v, "count", 0, 0x7fffffff, -1);
      if (n < 0) return null;
      c.count = <i32>n;
    } else if (key == "any" || key == "all") {
      const items = oneOrMore(v);
      for (let j = 0; j < items.length; j++) {
        const sub = readMatchRuleFilter(ctx, items[j]);
        if (sub === null) continue;
        if (key == "any") c.any.push(sub);
        else c.all.push(sub);
      }
    } else {
      ctx.unknownKey(k, "match filter constraint");
      return null;
    }
  }
  return c;
}

function readPathPatterns(ctx: LoadContext, node: YamlNode, out: Array<JsonPath>): bool {
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (!isStringLike(it)) {
      ctx.wrongType(it, "path", "a JSON path pattern");
      return false;
    }
    const p = parseMatchPathPattern(it.text);
    if (!p.ok) {
      ctx.warn(it, "path '" + it.text + "' is not a JSON path pattern: " + p.error + "; constraint dropped");
      return false;
    }
    out.push(p);
  }
  return true;
}
