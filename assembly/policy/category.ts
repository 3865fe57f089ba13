// Categories (spec §3.1): a list of rules, a single rule, or {matchers, tag}. Loading also
// partitions the rules by role (§3.6 evaluation order), so the matcher reads plain lists.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, readString } from "./read";
import { MatchRule, RuleKind, RuleMode, RulePlace, readRules, Correlate } from "./match-rule";

export class Category {
  name: string;
  /** Metadata carried by every match of a `{matchers, tag}` category; "" if none. */
  tag: string = "";
  /** All rules, declaration order. */
  rules: Array<MatchRule> = [];
  /** raw, raw_insensitive, regex, internal: produce candidates (§3.6 step 2). */
  positives: Array<MatchRule> = [];
  /** except*: apply to every candidate whatever their position (§3.2 Decision). */
  excepts: Array<MatchRule> = [];
  /** and: every one must accept a candidate (§3.4). */
  ands: Array<MatchRule> = [];
  /** correlate: when present only correlated spans are emitted (§3.5). */
  correlates: Array<Correlate> = [];
  /** Built by exploit_detection (§4.6); cannot be redefined by the policy. */
  builtin: bool = false;
  /** Its index among the compiled plans (set by the matching layer's compilePolicy); -1 before. */
  planIndex: i32 = -1;
  line: i32 = 0;
  column: i32 = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** Fills the role lists from `rules`. */
  partition(): void {
    this.positives = [];
    this.excepts = [];
    this.ands = [];
    this.correlates = [];
    for (let i = 0; i < this.rules.length; i++) {
      const r = this.rules[i];
      if (r.isPositive()) this.positives.push(r);
      else if (r.isExcept()) this.excepts.push(r);
      else if (r.kind == RuleKind.And) this.ands.push(r);
      else if (r.kind == RuleKind.Correlate) this.correlates.push(r.correlate!);
    }
  }
}

export function readCategory(ctx: LoadContext, nameNode: YamlNode, node: YamlNode): Category | null {
  const name = nameNode.text;
  const cat = new Category(name);
  cat.line = nameNode.line;
  cat.column = nameNode.column;
  if (node.kind == YamlKind.Null && node.tag.length == 0) {
    ctx.warn(nameNode, "category '" + name + "' is empty; dropped");
    return null;
  }
  const place = new RulePlace(RuleMode.Category, false, false);
  if (node.kind == YamlKind.Mapping && node.tag.length == 0 && node.get("matchers") !== null) {
    // Form (c): {matchers: rules, tag: string}.
    for (let i = 0; i < node.keys.length; i++) {
      const k = node.keys[i];
      const v = node.values[i];
      if (k.text == "matchers") cat.rules = readRules(ctx, v, place);
      else if (k.text == "tag") {
        const t = readString(ctx, v, "category tag");
        if (t !== null) cat.tag = t;
      } else ctx.unknownKey(k, "category '" + name + "'");
    }
  } else {
    // Forms (a) and (b): one or more rules.
    cat.rules = readRules(ctx, node, place);
  }
  cat.partition();
  if (cat.positives.length == 0) {
    ctx.warn(nameNode, "category '" + name + "' has no valid positive rule (raw, raw_insensitive, regex or internal); it never matches");
  }
  return cat;
}
