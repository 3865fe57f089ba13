import { MatchRule, RuleKind } from "../policy/match-rule";
import { InternalKind } from "../policy/internal";
import { compileSet, PatternSpec, PatternKind, CompileOptions, Scanner, MatchSink } from "../regex/index";
import { RegexTest, equalsAscii, containsAscii } from "./text-tests";
import { internalPatterns, validate, touchesAlphabet, nationalPhoneAccepts, Validator, Boundary } from "./internal-candidates";
import { RegionPlan, regionPlan } from "../matchers/internal/phone";

// Compiled forms of the rules that judge a candidate's text (spec §3.2 excepts, §3.4 `and`).
// Built once per policy; evaluated only on candidates, never on the whole body.

/** Why a rule could not be compiled (the caller warns and drops it). */
export class RuleProblem {
  constructor(public rule: MatchRule, public message: string) {}
}

/** A category's excepts: drop a candidate whose text is equal (exact / ASCII-CI) or fully matched. */
export class ExceptChecks {
  exact: Array<Uint8Array> = [];
  insensitive: Array<Uint8Array> = [];
  regexes: Array<RegexTest> = [];

  isEmpty(): bool { return this.exact.length == 0 && this.insensitive.length == 0 && this.regexes.length == 0; }

  rejects(ptr: usize, len: i32): bool {
    for (let i = 0; i < this.exact.length; i++) if (equalsAscii(ptr, len, this.exact[i], false)) return true;
    for (let i = 0; i < this.insensitive.length; i++) if (equalsAscii(ptr, len, this.insensitive[i], true)) return true;
    for (let i = 0; i < this.regexes.length; i++) if (this.regexes[i].test(ptr, len)) return true;
    return false;
  }
}

export function buildExcepts(rules: Array<MatchRule>, problems: Array<RuleProblem>): ExceptChecks {
  const out = new ExceptChecks();
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    if (r.kind == RuleKind.Except) out.exact.push(utf8(r.text));
    else if (r.kind == RuleKind.ExceptInsensitive) out.insensitive.push(utf8(r.text));
    else if (r.kind == RuleKind.ExceptRegex) {
      const t = RegexTest.compile(r.text, true);
      if (t === null) problems.push(new RuleProblem(r, "except_regex '" + r.text + "' needs the backtracking tier, which is not available yet; rule disabled"));
      else out.regexes.push(t);
    }
  }
  return out;
}

/** Records internal-matcher candidates inside a candidate's text. */
class SpanSink extends MatchSink {
  starts: Array<i32> = [];
  ends: Array<i32> = [];
  onMatch(pattern: i32, start: i32, end: i32, truncated: bool): void { this.starts.push(start); this.ends.push(end); }
}

/** An internal matcher used inside `and`: it must accept some span of the candidate. */
class InternalSpanTest {
  private scanner: Scanner;
  private sink: SpanSink = new SpanSink();
  constructor(sourceSet: Scanner, public validator: Validator, public boundary: Boundary) { this.scanner = sourceSet; }

  accepts(ptr: usize, len: i32): bool {
    this.scanner.reset();
    this.sink.starts.length = 0;
    this.sink.ends.length = 0;
    this.scanner.feed(ptr, len, true, this.sink);
    for (let i = 0; i < this.sink.starts.length; i++) {
      const s = this.sink.starts[i], e = this.sink.ends[i];
      if (s > 0 && touchesAlphabet(this.boundary, <i32>load<u8>(ptr + <usize>(s - 1)))) continue;
      if (e < len && touchesAlphabet(this.boundary, <i32>load<u8>(ptr + <usize>e))) continue;
      if (validate(this.validator, ptr + <usize>s, e - s, len - s) >= 0) return true;
    }
    return false;
  }
}

/** One rule inside `and` (§3.4). */
class AndTerm {
  kind: RuleKind;
  text: Uint8Array = new Uint8Array(0);
  regex: RegexTest | null = null;
  internal: Array<InternalSpanTest> = [];
  nationalPhone: bool = false;
  /** national_phone's numbering plan, looked up once; null = unsupported region (passes). */
  phonePlan: RegionPlan | null = null;
  nested: AndCheck | null = null;

  constructor(kind: RuleKind) { this.kind = kind; }

  accepts(ptr: usize, len: i32): bool {
    switch (this.kind) {
      case RuleKind.Raw: return containsAscii(ptr, len, this.text, false);
      case RuleKind.RawInsensitive: return containsAscii(ptr, len, this.text, true);
      case RuleKind.Regex: return this.regex!.test(ptr, len);
      case RuleKind.Internal: {
        if (this.nationalPhone) return nationalPhoneAccepts(this.phonePlan, ptr, len);
        for (let i = 0; i < this.internal.length; i++) if (this.internal[i].accepts(ptr, len)) return true;
        return false;
      }
      // excepts inside `and` reject on an exact or full match
      case RuleKind.Except: return !equalsAscii(ptr, len, this.text, false);
      case RuleKind.ExceptInsensitive: return !equalsAscii(ptr, len, this.text, true);
      case RuleKind.ExceptRegex: return !this.regex!.test(ptr, len);
      case RuleKind.And: return this.nested!.accepts(ptr, len);
      default: return true;
    }
  }
}

/** Every rule of every `and` must accept the candidate. */
export class AndCheck {
  terms: Array<AndTerm> = [];

  isEmpty(): bool { return this.terms.length == 0; }

  accepts(ptr: usize, len: i32): bool {
    for (let i = 0; i < this.terms.length; i++) if (!this.terms[i].accepts(ptr, len)) return false;
    return true;
  }
}

/** Flattens the category's `and` rules (each holds one or more rules) into one conjunction. */
export function buildAnds(ands: Array<MatchRule>, problems: Array<RuleProblem>): AndCheck {
  const out = new AndCheck();
  for (let i = 0; i < ands.length; i++) addTerms(out, ands[i].and, problems);
  return out;
}

function addTerms(out: AndCheck, rules: Array<MatchRule>, problems: Array<RuleProblem>): void {
  for (let i = 0; i < rules.length; i++) {
    const r = rules[i];
    const term = new AndTerm(r.kind);
    switch (r.kind) {
      case RuleKind.Raw: case RuleKind.RawInsensitive: case RuleKind.Except: case RuleKind.ExceptInsensitive:
        term.text = utf8(r.text);
        break;
      case RuleKind.Regex: case RuleKind.ExceptRegex: {
        const t = RegexTest.compile(r.text, r.kind == RuleKind.ExceptRegex);
        if (t === null) { problems.push(new RuleProblem(r, "regex '" + r.text + "' in 'and' needs the backtracking tier, which is not available yet; term ignored")); continue; }
        term.regex = t;
        break;
      }
      case RuleKind.Internal: {
        const m = r.internal!;
        if (m.kind == InternalKind.NationalPhone) { term.nationalPhone = true; term.phonePlan = regionPlan(m.region.toUpperCase()); break; }
        const patterns = internalPatterns(m);
        for (let p = 0; p < patterns.length; p++) {
          const options = new CompileOptions();
          options.cacheBytes = 256 << 10;
          options.windowBytes = 4096;
          const compiled = compileSet([new PatternSpec(patterns[p].source, PatternKind.Regex)], options);
          if (compiled.set === null || compiled.errors.length > 0) continue;
          term.internal.push(new InternalSpanTest(compiled.set!.newScanner(), patterns[p].validator, patterns[p].boundary));
        }
        break;
      }
      case RuleKind.And: {
        const nested = new AndCheck();
        addTerms(nested, r.and, problems);
        term.nested = nested;
        break;
      }
      default: continue; // correlate inside `and` was refused at load
    }
    out.terms.push(term);
  }
}

export function utf8(text: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(text));
}
