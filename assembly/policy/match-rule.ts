// Match Rules (spec §3.2–§3.5) and their loader. The same shapes serve two modes: in a
// category they search a context (unanchored); in a filter they test a whole value
// (anchored). The mode only changes what is accepted at load: correlates mean nothing in a
// filter (warning, ignored).
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, Choice, choiceOf, isStringLike, oneOrMore, readInt, readEnum } from "./read";
import { InternalMatcher, InternalKind, readInternal } from "./internal";
import { checkRegex, RegexVerdict } from "./regex-check";
import { FullMatcher } from "./full-match";

export const enum RuleKind { Raw, RawInsensitive, Regex, Internal, Except, ExceptInsensitive, ExceptRegex, And, Correlate }

export const RULE_NAMES: Array<string> = [
  "raw", "raw_insensitive", "regex", "internal", "except", "except_insensitive", "except_regex", "and", "correlate",
];

/** Legacy string prefixes (spec §3.2 Decision): `regex: \d+` as one string. Longest first
 *  where one prefix extends another. */
const LEGACY_PREFIXES: Array<string> = ["raw_insensitive:", "raw:", "regex:", "except_insensitive:", "except_regex:", "except:"];
const LEGACY_KINDS: Array<RuleKind> = [RuleKind.RawInsensitive, RuleKind.Raw, RuleKind.Regex, RuleKind.ExceptInsensitive, RuleKind.ExceptRegex, RuleKind.Except];

export const enum RuleMode { Category, Filter }

export const enum CorrelateInterest { Primary, Secondary, All }
export const INTEREST_NAMES: Array<string> = ["primary", "secondary", "all"];

export class Correlate {
  interest: CorrelateInterest = CorrelateInterest.Primary;
  maxDistance: i32 = 0;
  /** Inline rules (`matches: [rules]`); empty when a category is named. */
  rules: Array<MatchRule> = [];
  /** `match_group: name` or `matches: name`; "" for inline rules. */
  groupName: string = "";
  /** Where the group name is written, for the missing-category warning. */
  groupNode: YamlNode | null = null;
}

export class MatchRule {
  kind: RuleKind;
  /** raw / raw_insensitive / regex / except*: the literal text or regex source. */
  text: string = "";
  internal: InternalMatcher | null = null;
  /** and: every rule must accept the candidate (§3.4). */
  and: Array<MatchRule> = [];
  correlate: Correlate | null = null;
  /** Filter mode, regex / except_regex: the whole-value matcher, built on first use. */
  fullMatcher: FullMatcher | null = null;
  line: i32;
  column: i32;

  constructor(kind: RuleKind, at: YamlNode) {
    this.kind = kind;
    this.line = at.line;
    this.column = at.column;
  }

  isExcept(): bool {
    return this.kind == RuleKind.Except || this.kind == RuleKind.ExceptInsensitive || this.kind == RuleKind.ExceptRegex;
  }

  /** A rule that produces candidates on its own (§3.6 step 2). */
  isPositive(): bool {
    return this.kind <= RuleKind.Internal;
  }
}

/** Where a rule sits; decides what may appear (national_phone only inside `and`, no
 *  correlate inside a correlate, §2.3). */
export class RulePlace {
  constructor(public mode: RuleMode, public insideAnd: bool, public insideCorrelate: bool) {}
}

/** One or more rules; invalid ones are dropped with a warning. */
export function readRules(ctx: LoadContext, node: YamlNode, place: RulePlace): Array<MatchRule> {
  const out = new Array<MatchRule>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const r = readRule(ctx, items[i], place);
    if (r !== null) out.push(r);
  }
  return out;
}

export function readRule(ctx: LoadContext, node: YamlNode, place: RulePlace): MatchRule | null {
  // A plain string is `raw`, unless it starts with a legacy prefix (§3.2).
  if (node.tag.length == 0 && isStringLike(node)) return readStringRule(ctx, node);
  if (node.kind == YamlKind.Mapping && node.keys.length != 1 && node.tag.length == 0) {
    ctx.warn(node, "a match rule must have exactly one key (one of " + RULE_NAMES.join(", ") + "), found " + node.keys.length.toString() + "; rule dropped");
    return null;
  }
  const choice = choiceOf(node);
  if (choice === null) {
    ctx.warn(node, "a match rule must be a string, '!variant value' or '{variant: value}'; rule dropped");
    return null;
  }
  const c = changetype<Choice>(choice);
  const kindIndex = RULE_NAMES.indexOf(c.name);
  if (kindIndex < 0) {
    ctx.warn(c.at, "unknown match rule variant '" + c.name + "' (expected one of " + RULE_NAMES.join(", ") + "); rule dropped");
    return null;
  }
  const kind = <RuleKind>kindIndex;
  const value = c.value;
  if (value === null) {
    ctx.warn(c.at, "match rule '" + c.name + "' needs a value; rule dropped");
    return null;
  }
  const v = value;
  switch (kind) {
    case RuleKind.Internal: {
      const m = readInternal(ctx, v);
      if (m === null) return null;
      if (m.kind == InternalKind.NationalPhone && !place.insideAnd) {
        ctx.warn(c.at, "national_phone is a validator usable only inside 'and'; rule dropped");
        return null;
      }
      const r = new MatchRule(kind, c.at);
      r.internal = m;
      return r;
    }
    case RuleKind.And: {
      const inner = readRules(ctx, v, new RulePlace(place.mode, true, place.insideCorrelate));
      if (inner.length == 0) {
        ctx.warn(c.at, "'and' holds no valid rule; rule dropped");
        return null;
      }
      for (let i = 0; i < inner.length; i++) {
        if (inner[i].kind == RuleKind.Correlate) {
          ctx.warn(c.at, "a correlate cannot sit inside 'and'; rule dropped");
          return null;
        }
      }
      const r = new MatchRule(kind, c.at);
      r.and = inner;
      return r;
    }
    case RuleKind.Correlate: {
      if (place.insideCorrelate) {
        ctx.fail(c.at, "a correlate cannot be nested inside a correlate's matches");
        return null;
      }
      if (place.mode == RuleMode.Filter) {
        ctx.warn(c.at, "correlate has no meaning in a filter; ignored");
        return null;
      }
      const corr = readCorrelate(ctx, v, c.at);
      if (corr === null) return null;
      const r = new MatchRule(kind, c.at);
      r.correlate = corr;
      return r;
    }
    default: {
      if (!isStringLike(v)) {
        ctx.warn(v, "match rule '" + c.name + "' needs a string; rule dropped");
        return null;
      }
      return textRule(ctx, kind, v.text, c.at, v);
    }
  }
}

function readStringRule(ctx: LoadContext, node: YamlNode): MatchRule | null {
  const s = node.text;
  for (let i = 0; i < LEGACY_PREFIXES.length; i++) {
    const p = LEGACY_PREFIXES[i];
    if (s.startsWith(p)) return textRule(ctx, LEGACY_KINDS[i], s.substring(p.length).trim(), node, node);
  }
  return textRule(ctx, RuleKind.Raw, s, node, node);
}

function textRule(ctx: LoadContext, kind: RuleKind, text: string, at: YamlNode, valueNode: YamlNode): MatchRule | null {
  if (text.length == 0) {
    ctx.warn(valueNode, "match rule '" + RULE_NAMES[<i32>kind] + "' has an empty pattern; rule dropped");
    return null;
  }
  if (kind == RuleKind.Regex || kind == RuleKind.ExceptRegex) {
    if (checkRegex(ctx, valueNode, text, "regex") != RegexVerdict.Ok) return null;
  }
  const r = new MatchRule(kind, at);
  r.text = text;
  return r;
}

/** `correlate: {interest?, max_distance, matches | match_group}` (§3.5). */
function readCorrelate(ctx: LoadContext, node: YamlNode, at: YamlNode): Correlate | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "correlate", "a map with max_distance and matches or match_group");
    return null;
  }
  // Any rejected field drops the correlate (§0: the rule is the smallest item).
  const saved = ctx.outcome;
  ctx.outcome = "correlate dropped";
  const corr = readCorrelateFields(ctx, node, at);
  ctx.outcome = saved;
  return corr;
}

function readCorrelateFields(ctx: LoadContext, node: YamlNode, at: YamlNode): Correlate | null {
  const corr = new Correlate();
  let haveDistanceKey = false;
  let haveSet = false;
  let ok = true;
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    const key = k.text;
    if (key == "interest") {
      const e = readEnum(ctx, v, "correlate interest", INTEREST_NAMES);
      if (e < 0) ok = false;
      else corr.interest = <CorrelateInterest>e;
    } else if (key == "max_distance") {
      haveDistanceKey = true;
      const d = readInt(ctx, v, "max_distance", 0, 0x7fffffff, -1);
      if (d < 0) ok = false;
      else corr.maxDistance = <i32>d;
    } else if (key == "matches" || key == "match_group") {
      if (haveSet) {
        ctx.warn(k, "correlate has both matches and match_group; '" + key + "' ignored");
        continue;
      }
      if (v.tag.length == 0 && v.kind == YamlKind.String) {
        // A name: the category whose rules form the secondary set.
        corr.groupName = v.text;
        corr.groupNode = v;
        haveSet = true;
      } else if (key == "match_group") {
        ctx.wrongType(v, "match_group", "a category name");
        ok = false;
      } else {
        corr.rules = readRules(ctx, v, new RulePlace(RuleMode.Category, false, true));
        if (corr.rules.length == 0) {
          ctx.warn(k, "correlate matches holds no valid rule; correlate dropped");
          ok = false;
        }
        haveSet = true;
      }
    } else {
      ctx.unknownKey(k, "correlate");
      ok = false;
    }
  }
  if (!haveDistanceKey) {
    ctx.warn(at, "correlate needs max_distance (bytes); correlate dropped");
    ok = false;
  }
  if (!haveSet && ok) {
    ctx.warn(at, "correlate needs matches or match_group; correlate dropped");
    ok = false;
  }
  return ok ? corr : null;
}
