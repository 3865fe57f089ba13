import { Policy } from "../policy/index";
import { Category } from "../policy/category";
import { MatchRule, RuleKind, CorrelateInterest, Correlate } from "../policy/match-rule";
import { compileSet, PatternSpec, PatternKind, CompileOptions, RegexSet } from "../regex/index";
import { internalPatterns, Validator, Boundary, lookahead } from "./internal-candidates";
import { ExceptChecks, AndCheck, buildExcepts, buildAnds, RuleProblem } from "./rule-checks";

/**
 * The policy's matchers compiled for scanning (spec §3, §3.6). Every positive rule of every
 * category — raw and raw_insensitive literals, regexes, the candidate patterns of internal
 * matchers, and the inline rules of correlates — becomes one pattern of ONE multi-pattern
 * automaton, so a context is scanned once whatever the number of categories. Each pattern id
 * maps back to its owner (a "plan": a category, or a correlate's inline rule set).
 *
 * Layout: `owners[patternId]` → PatternOwner; `plans[i]` for i < categories.length is the
 * category of the same index; later plans are inline correlate sets.
 */
export class PatternOwner {
  constructor(
    public plan: i32,
    public validator: Validator,
    public boundary: Boundary,
    /** Bytes needed after the automaton's match end before the candidate can be decided. */
    public lookahead: i32,
  ) {}
}

export class CorrelatePlan {
  constructor(
    public interest: CorrelateInterest,
    public maxDistance: i32,
    /** The plan whose candidates are S (§3.5): a named category, or an inline set. */
    public secondaryPlan: i32,
  ) {}
}

/** A set of rules judged together: a category, or a correlate's inline rules. */
export class MatchPlan {
  excepts: ExceptChecks = new ExceptChecks();
  ands: AndCheck = new AndCheck();
  correlates: Array<CorrelatePlan> = [];
  /** The category (null for an inline correlate set). */
  category: Category | null = null;
  /** Plans whose candidates this plan's correlates read (evaluated whenever this one is). */
  needs: Array<i32> = [];
  constructor(public name: string) {}
}

export class CompiledPolicy {
  set: RegexSet | null = null;
  owners: Array<PatternOwner> = [];
  plans: Array<MatchPlan> = [];
  /** Rules that could not be compiled (warned at load, never trapping). */
  problems: Array<RuleProblem> = [];
  patternCount(): i32 { return this.owners.length; }
  /** O(1): compilePolicy numbers each category's plan on the category itself. */
  planIndex(category: Category | null): i32 {
    return category === null ? -1 : category.planIndex;
  }
}

export class CompileLimits {
  cacheBytes: i32 = 4 << 20;
  windowBytes: i32 = 16 << 10;
}

/** Compiles a loaded policy. Cost: proportional to the total size of its patterns. */
export function compilePolicy(policy: Policy, limits: CompileLimits = new CompileLimits()): CompiledPolicy {
  const out = new CompiledPolicy();
  const specs = new Array<PatternSpec>();
  const rulesOfSpec = new Array<MatchRule>();
  const cats = policy.categories;
  for (let i = 0; i < cats.length; i++) {
    const plan = new MatchPlan(cats[i].name);
    plan.category = cats[i];
    cats[i].planIndex = i;
    out.plans.push(plan);
  }
  for (let i = 0; i < cats.length; i++) {
    const c = cats[i];
    const plan = out.plans[i];
    addPositives(out, i, c.positives, specs, rulesOfSpec);
    plan.excepts = buildExcepts(c.excepts, out.problems);
    plan.ands = buildAnds(c.ands, out.problems);
    for (let k = 0; k < c.correlates.length; k++) {
      const cor = c.correlates[k];
      const secondary = secondaryPlan(out, policy, cor, specs, rulesOfSpec);
      if (secondary < 0) continue;
      plan.correlates.push(new CorrelatePlan(cor.interest, cor.maxDistance, secondary));
      plan.needs.push(secondary);
    }
  }
  const options = new CompileOptions();
  options.cacheBytes = limits.cacheBytes;
  options.windowBytes = limits.windowBytes;
  const compiled = compileSet(specs, options);
  for (let i = 0; i < compiled.errors.length; i++) {
    const e = compiled.errors[i];
    // The parser accepted it at load, so this is a construct only the backtracking tier runs.
    out.problems.push(new RuleProblem(rulesOfSpec[e.patternIndex], "pattern '" + specs[e.patternIndex].source + "' cannot run yet (" + e.message + "); rule disabled"));
  }
  out.set = compiled.set;
  return out;
}

function addPositives(out: CompiledPolicy, plan: i32, rules: Array<MatchRule>, specs: Array<PatternSpec>, rulesOfSpec: Array<MatchRule>): void {
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    switch (rule.kind) {
      case RuleKind.Raw: add(out, specs, rulesOfSpec, rule, new PatternSpec(rule.text, PatternKind.Literal), plan, Validator.None, Boundary.None); break;
      case RuleKind.RawInsensitive: add(out, specs, rulesOfSpec, rule, new PatternSpec(rule.text, PatternKind.LiteralInsensitive), plan, Validator.None, Boundary.None); break;
      case RuleKind.Regex: add(out, specs, rulesOfSpec, rule, new PatternSpec(rule.text, PatternKind.Regex), plan, Validator.None, Boundary.None); break;
      case RuleKind.Internal: {
        const patterns = internalPatterns(rule.internal!);
        for (let p = 0; p < patterns.length; p++) {
          add(out, specs, rulesOfSpec, rule, new PatternSpec(patterns[p].source, PatternKind.Regex), plan, patterns[p].validator, patterns[p].boundary);
        }
        break;
      }
      default: break;
    }
  }
}

function add(out: CompiledPolicy, specs: Array<PatternSpec>, rulesOfSpec: Array<MatchRule>, rule: MatchRule, spec: PatternSpec, plan: i32, validator: Validator, boundary: Boundary): void {
  specs.push(spec);
  rulesOfSpec.push(rule);
  out.owners.push(new PatternOwner(plan, validator, boundary, lookahead(validator, boundary)));
}

/** The plan holding a correlate's S: the named category, or a new inline plan (§3.5). */
function secondaryPlan(out: CompiledPolicy, policy: Policy, cor: Correlate, specs: Array<PatternSpec>, rulesOfSpec: Array<MatchRule>): i32 {
  if (cor.groupName.length > 0) {
    for (let i = 0; i < policy.categories.length; i++) if (policy.categories[i].name == cor.groupName) return i;
    return -1; // the loader warned about the missing category
  }
  const index = out.plans.length;
  const plan = new MatchPlan("correlate");
  out.plans.push(plan);
  const positives = new Array<MatchRule>();
  const excepts = new Array<MatchRule>();
  const ands = new Array<MatchRule>();
  for (let i = 0; i < cor.rules.length; i++) {
    const r = cor.rules[i];
    if (r.isPositive()) positives.push(r);
    else if (r.isExcept()) excepts.push(r);
    else if (r.kind == RuleKind.And) ands.push(r);
  }
  addPositives(out, index, positives, specs, rulesOfSpec);
  plan.excepts = buildExcepts(excepts, out.problems);
  plan.ands = buildAnds(ands, out.problems);
  return index;
}
