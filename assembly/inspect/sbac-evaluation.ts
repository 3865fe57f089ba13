import { SbacItem } from "../policy/sbac";
import { RuleFilter, RuleFilterKind, MatchRuleFilter, MatchConstraint, HeaderTest } from "../policy/filters";
import { RequestFacts } from "../policy/resolve";
import { matchGlob, splitTarget } from "../policy/glob";
import { filterRulesAccept } from "../policy/filter-rules";
import { JsonPath, SegmentKind } from "../policy/json-path";
import { Finding } from "./message-inspection";

// SBAC (spec §6.4): items are RuleFilters checked at their stage and every later one; the
// first that passes blocks the transaction with `x-sbac-rule`. A leaf whose data is not known
// yet is false — response headers from stage 7, match counts once the message's body ended.

export const STAGE_PRE_REQUEST_HEADERS = 1;
export const STAGE_POST_REQUEST_HEADERS = 3;
export const STAGE_POST_REQUEST_BODY = 5;
export const STAGE_POST_RESPONSE_HEADERS = 7;
export const STAGE_POST_RESPONSE_BODY = 9;
export const STAGE_POST_RESPONSE_TRAILERS = 11;

/** What the transaction knows so far, for the leaves. */
export class TransactionFacts {
  request: RequestFacts = new RequestFacts();
  target: Array<string> = [];
  policyPathParts: Array<string> = [];
  responseHeaderNames: Array<string> = [];
  responseHeaderValues: Array<string> = [];
  responseTrailerNames: Array<string> = [];
  responseTrailerValues: Array<string> = [];
  requestMatches: Array<Finding> | null = null;
  responseMatches: Array<Finding> | null = null;
}

export class SbacEvaluation {
  constructor(public items: Array<SbacItem>, public facts: TransactionFacts) {}

  /** Whether an item may fire at a stage at or after `from` (the message must then be held). */
  canFireFrom(from: i32): bool {
    for (let i = 0; i < this.items.length; i++) {
      const s = this.items[i].stage;
      if (s == 0 || s >= from) return true;
    }
    return false;
  }

  /** Checks every item active at `stage`; the label of the first that passes, or "". */
  check(stage: i32): string {
    for (let i = 0; i < this.items.length; i++) {
      const item = this.items[i];
      if (item.activeAt(stage) && this.eval(item.filter, stage)) return item.label;
    }
    return "";
  }

  private eval(f: RuleFilter, stage: i32): bool {
    const facts = this.facts;
    switch (f.kind) {
      case RuleFilterKind.All: {
        for (let i = 0; i < f.children.length; i++) if (!this.eval(f.children[i], stage)) return false;
        return true;
      }
      case RuleFilterKind.Any: {
        for (let i = 0; i < f.children.length; i++) if (this.eval(f.children[i], stage)) return true;
        return false;
      }
      case RuleFilterKind.Endpoint: {
        if (stage < 2) return false;
        let hit = false;
        for (let i = 0; i < f.globs.length && !hit; i++) hit = matchGlob(f.globs[i], facts.target) !== null;
        return f.exclude ? !hit : hit;
      }
      case RuleFilterKind.PolicyPath: {
        if (stage < 2) return false;
        let hit = false;
        for (let i = 0; i < f.globs.length && !hit; i++) hit = matchGlob(f.globs[i], facts.policyPathParts) !== null;
        return f.exclude ? !hit : hit;
      }
      case RuleFilterKind.ResponseOutbound: return facts.request.outbound;
      case RuleFilterKind.ResponseInbound: return !facts.request.outbound;
      case RuleFilterKind.ResponseHeaders:
        return stage >= STAGE_POST_RESPONSE_HEADERS && headersPass(f, facts.responseHeaderNames, facts.responseHeaderValues);
      case RuleFilterKind.ResponseTrailers:
        return stage >= STAGE_POST_RESPONSE_TRAILERS && headersPass(f, facts.responseTrailerNames, facts.responseTrailerValues);
      case RuleFilterKind.RequestMatches: {
        const m = facts.requestMatches;
        return m !== null && matchesPass(f, m);
      }
      case RuleFilterKind.ResponseMatches: {
        const m = facts.responseMatches;
        return m !== null && matchesPass(f, m);
      }
      case RuleFilterKind.DownstreamMatches:
      case RuleFilterKind.UpstreamMatches:
        return false; // L4 only (§6.1)
      case RuleFilterKind.Ip:
      case RuleFilterKind.LocalService:
      case RuleFilterKind.PeerService:
        return facts.request.leaf(f); // connection data: known from stage 1
      default:
        // request headers, cookies, token: known from the request headers on (stage 2)
        return stage >= 2 && facts.request.leaf(f);
    }
  }
}

/** Each listed header exists and one of its values passes (exclude: absent, or none passes). */
function headersPass(f: RuleFilter, names: Array<string>, values: Array<string>): bool {
  for (let i = 0; i < f.headers.length; i++) {
    const test: HeaderTest = f.headers[i];
    let seen = false, pass = false;
    for (let k = 0; k < names.length; k++) {
      if (names[k] != test.name) continue;
      seen = true;
      if (filterRulesAccept(test.rules, values[k])) { pass = true; break; }
    }
    if (f.exclude ? (seen && pass) : !pass) return false;
  }
  return true;
}

/** §6.1 Decision: any listed category satisfies its MatchRuleFilter; "*" is every match. */
function matchesPass(f: RuleFilter, findings: Array<Finding>): bool {
  for (let i = 0; i < f.matches.length; i++) {
    const test = f.matches[i];
    const mine = new Array<Finding>();
    for (let k = 0; k < findings.length; k++) {
      if (test.category == "*" || findings[k].entry.config.name == test.category) mine.push(findings[k]);
    }
    if (ruleFilterPasses(test.filter, mine)) return true;
  }
  return false;
}

/** Constraints are ANDed (§6.2). */
function ruleFilterPasses(mf: MatchRuleFilter, findings: Array<Finding>): bool {
  if (mf.constraints.length == 0) return findings.length >= 1;
  for (let i = 0; i < mf.constraints.length; i++) if (!constraintPasses(mf.constraints[i], findings)) return false;
  return true;
}

function constraintPasses(c: MatchConstraint, findings: Array<Finding>): bool {
  if (c.any.length > 0) {
    let any = false;
    for (let k = 0; k < c.any.length && !any; k++) any = ruleFilterPasses(c.any[k], findings);
    if (!any) return false;
  }
  for (let i = 0; i < c.all.length; i++) if (!ruleFilterPasses(c.all[i], findings)) return false;
  let qualifying = 0;
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    const path = f.candidate.path;
    if (c.paths.length > 0) {
      let hit = false;
      for (let p = 0; p < c.paths.length && !hit; p++) hit = pathMatches(c.paths[p], path);
      if (!hit) continue;
    }
    let excluded = false;
    for (let p = 0; p < c.excludePaths.length && !excluded; p++) excluded = pathMatches(c.excludePaths[p], path);
    if (excluded) continue;
    if (c.value.length > 0 && !filterRulesAccept(c.value, f.candidate.text)) continue;
    qualifying++;
  }
  return qualifying >= c.count;
}

/**
 * A §7.3 pattern against a reported path (`users[2].email`, `2.1.4`; "" for text and headers):
 * the whole path, segment for segment.
 */
export function pathMatches(pattern: JsonPath, path: string): bool {
  const segments = splitPath(path);
  const want = pattern.segments;
  if (want.length != segments.length) return false;
  for (let i = 0; i < want.length; i++) {
    const w = want[i];
    const s = segments[i];
    const isIndex = s.startsWith("[");
    switch (w.kind) {
      case SegmentKind.Key: if (isIndex || s != w.key) return false; break;
      case SegmentKind.AnyKey: if (isIndex) return false; break;
      case SegmentKind.Index: if (!isIndex || s != "[" + w.index.toString() + "]") return false; break;
      case SegmentKind.AnyIndex: if (!isIndex) return false; break;
      default: return false;
    }
  }
  return true;
}

/** `users[2].email` → ["users", "[2]", "email"]. */
function splitPath(path: string): Array<string> {
  const out = new Array<string>();
  let i = 0;
  while (i < path.length) {
    const c = path.charCodeAt(i);
    if (c == 0x2e) { i++; continue; }
    if (c == 0x5b) {
      const end = path.indexOf("]", i);
      const stop = end < 0 ? path.length : end + 1;
      out.push(path.substring(i, stop));
      i = stop;
      continue;
    }
    let j = i;
    while (j < path.length && path.charCodeAt(j) != 0x2e && path.charCodeAt(j) != 0x5b) j++;
    out.push(path.substring(i, j));
    i = j;
  }
  return out;
}

/** The policy path as glob components (it is already "authority/…" text). */
export function policyPathParts(policyPath: string): Array<string> {
  const slash = policyPath.indexOf("/");
  return slash < 0 ? splitTarget(policyPath, "") : splitTarget(policyPath.substring(0, slash), policyPath.substring(slash));
}
