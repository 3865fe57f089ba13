// Filter-mode Match Rules (spec §3.2, "in a filter (tests a whole value)"): the tests of
// token, header, cookie, service and `value` leaves. A value passes when some positive rule
// accepts it (or there is none), no except rejects it, and every `and` holds.
import { MatchRule, RuleKind } from "./match-rule";
import { InternalMatcher } from "./internal";
import { FullMatcher } from "./full-match";
import { internalAcceptsWhole } from "./internal-validate";

/** How `internal` rules accept a whole value in filter mode: the native matchers by
 *  default; replaceable (tests, or a host with other matchers). */
let internalValidator: (m: InternalMatcher, value: string) => bool = internalAcceptsWhole;

export function setInternalValidator(fn: (m: InternalMatcher, value: string) => bool): void {
  internalValidator = fn;
}

/** §3.2 filter lists. */
export function filterRulesAccept(rules: Array<MatchRule>, value: string): bool {
  let positives = 0;
  let hit = false;
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.isPositive()) {
      positives++;
      if (!hit && positiveAccepts(r, value)) hit = true;
    } else if (r.isExcept()) {
      if (exceptRejects(r, value)) return false;
    } else if (r.kind == RuleKind.And) {
      if (!allHold(r.and, value)) return false;
    }
  }
  return positives == 0 || hit;
}

/** Inside `and`: every rule must hold on its own (§3.2 "the value must also pass all"). */
function allHold(rules: Array<MatchRule>, value: string): bool {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.isPositive()) {
      if (!positiveAccepts(r, value)) return false;
    } else if (r.isExcept()) {
      if (exceptRejects(r, value)) return false;
    } else if (r.kind == RuleKind.And) {
      if (!allHold(r.and, value)) return false;
    }
  }
  return true;
}

function positiveAccepts(r: MatchRule, value: string): bool {
  switch (r.kind) {
    case RuleKind.Raw: return value == r.text;
    case RuleKind.RawInsensitive: return asciiEqualsIgnoreCase(value, r.text);
    case RuleKind.Regex: return fullMatcher(r).matches(value);
    case RuleKind.Internal: return internalValidator(r.internal!, value);
  }
  return false;
}

function exceptRejects(r: MatchRule, value: string): bool {
  switch (r.kind) {
    case RuleKind.Except: return value == r.text;
    case RuleKind.ExceptInsensitive: return asciiEqualsIgnoreCase(value, r.text);
    case RuleKind.ExceptRegex: return fullMatcher(r).matches(value);
  }
  return false;
}

function fullMatcher(r: MatchRule): FullMatcher {
  let m = r.fullMatcher;
  if (m === null) {
    m = new FullMatcher(r.text);
    r.fullMatcher = m;
  }
  return m;
}

/** §3.2 Decision: ASCII case folding only. */
export function asciiEqualsIgnoreCase(a: string, b: string): bool {
  if (a.length != b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x >= 0x41 && x <= 0x5a) x += 32;
    if (y >= 0x41 && y <= 0x5a) y += 32;
    if (x != y) return false;
  }
  return true;
}
