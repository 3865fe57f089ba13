// `rules` (alias `ratelimits`, spec §6.5). Only LeakSignal Command evaluates them: the
// filter validates and keeps them (for reporting) but never enforces them.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, isStringLike, readString, readInt, readBool, readEnum, oneOrMore, asciiLower } from "./read";
import { RuleFilter, readRuleFilter } from "./filters";
import { checkRegex, RegexVerdict } from "./regex-check";

export const GROUPING_NAMES: Array<string> = ["global", "per_inbound_service", "per_outbound_service", "per_endpoint", "per_service"];
export const RATE_ACTION_NAMES: Array<string> = ["nothing", "alert", "block", "alert_block"];
export const SEVERITY_NAMES: Array<string> = ["routine", "notable", "concern", "immediate"];
export const BY_NAMES: Array<string> = ["ip", "token", "service", "inbound_service", "outbound_service", "header", "request_match"];

export const enum ByKind { Ip, Token, Service, InboundService, OutboundService, Header, RequestMatch }

export class RateKey {
  kind: ByKind;
  /** Header: the lowercased name; RequestMatch: the category. */
  name: string = "";
  /** Header: optional regex. */
  regex: string = "";
  constructor(kind: ByKind) {
    this.kind = kind;
  }
}

export class RateRule {
  name: string = "";
  /** Index into GROUPING_NAMES; -1 unset. `per_service` is legacy. */
  grouping: i32 = -1;
  by: Array<RateKey> = [new RateKey(ByKind.Ip)];
  countBy: Array<RateKey> = [];
  /** Index into RATE_ACTION_NAMES; default block. */
  action: i32 = 2;
  timespanSecs: i64 = -1;
  limit: i64 = 0;
  filter: RuleFilter | null = null;
  /** Index into SEVERITY_NAMES; default concern. */
  severity: i32 = 2;
  muted: bool = false;
  line: i32;
  column: i32;
  constructor(at: YamlNode) {
    this.line = at.line;
    this.column = at.column;
  }
}

export function readRateRules(ctx: LoadContext, node: YamlNode): Array<RateRule> {
  const out = new Array<RateRule>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const r = readRateRule(ctx, items[i]);
    if (r !== null) out.push(r);
  }
  return out;
}

function readRateRule(ctx: LoadContext, node: YamlNode): RateRule | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "rule", "a map");
    return null;
  }
  const r = new RateRule(node);
  let haveLimit = false;
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    const key = k.text;
    if (key == "name") {
      const s = readString(ctx, v, "rule name");
      if (s !== null) r.name = s;
    } else if (key == "grouping") {
      const g = readEnum(ctx, v, "grouping", GROUPING_NAMES);
      if (g < 0) return null;
      r.grouping = g;
    } else if (key == "by" || key == "count_by") {
      const keys = readRateKeys(ctx, v);
      if (keys === null) return null;
      if (key == "by") r.by = keys;
      else r.countBy = keys;
    } else if (key == "action") {
      const a = readEnum(ctx, v, "rule action", RATE_ACTION_NAMES);
      if (a < 0) return null;
      r.action = a;
    } else if (key == "timespan_secs") {
      r.timespanSecs = readInt(ctx, v, "timespan_secs", 0, I64.MAX_VALUE, -1);
      if (r.timespanSecs < 0) return null;
    } else if (key == "limit") {
      r.limit = readInt(ctx, v, "limit", 0, I64.MAX_VALUE, -1);
      if (r.limit < 0) return null;
      haveLimit = true;
    } else if (key == "filter") {
      r.filter = readRuleFilter(ctx, v);
      if (r.filter === null) return null;
    } else if (key == "severity") {
      // Any case (§6.5).
      if (isStringLike(v)) {
        const s = SEVERITY_NAMES.indexOf(asciiLower(v.text));
        if (s < 0) {
          ctx.warn(v, "unknown severity '" + v.text + "' (expected routine, notable, concern or immediate); rule dropped");
          return null;
        }
        r.severity = s;
      } else {
        ctx.wrongType(v, "severity", "routine, notable, concern or immediate");
        return null;
      }
    } else if (key == "muted") r.muted = readBool(ctx, v, "muted", false);
    else ctx.unknownKey(k, "rule");
  }
  if (!haveLimit) {
    ctx.warn(node, "rule " + (r.name.length > 0 ? "'" + r.name + "' " : "") + "has no limit; rule dropped");
    return null;
  }
  return r;
}

function readRateKeys(ctx: LoadContext, node: YamlNode): Array<RateKey> | null {
  const out = new Array<RateKey>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (isStringLike(it) && it.tag.length == 0) {
      const b = BY_NAMES.indexOf(it.text);
      if (b < 0 || b >= <i32>ByKind.Header) {
        ctx.warn(it, "unknown rule key '" + it.text + "' (expected ip, token, service, inbound_service, outbound_service, {header}, {request_match}); rule dropped");
        return null;
      }
      out.push(new RateKey(<ByKind>b));
    } else if (it.kind == YamlKind.Mapping && it.get("header") !== null) {
      const h = it.get("header")!;
      if (!isStringLike(h)) {
        ctx.wrongType(h, "header", "a header name");
        return null;
      }
      const k = new RateKey(ByKind.Header);
      k.name = asciiLower(h.text);
      const re = it.get("regex");
      if (re !== null) {
        if (!isStringLike(re) || checkRegex(ctx, re, re.text, "rule header regex") != RegexVerdict.Ok) return null;
        k.regex = re.text;
      }
      out.push(k);
    } else if (it.kind == YamlKind.Mapping && it.get("request_match") !== null) {
      const c = it.get("request_match")!;
      if (!isStringLike(c)) {
        ctx.wrongType(c, "request_match", "a category name");
        return null;
      }
      const k = new RateKey(ByKind.RequestMatch);
      k.name = c.text;
      out.push(k);
    } else {
      ctx.wrongType(it, "rule key", "ip, token, service, {header: h}, or {request_match: category}");
      return null;
    }
  }
  return out;
}
