// Service identification (spec §6.3): where the local and peer service names come from
// (ServiceNameExtractor) and the ServiceFilter that tests them.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, Choice, choiceOf, isStringLike, oneOrMore } from "./read";
import { MatchRule, RuleMode, RulePlace, readRule, readRules } from "./match-rule";

export const enum NameSourceKind { None, Istio, Env, Attrs, Raw, Default }

export class ServiceNameSource {
  kind: NameSourceKind;
  /** Env: the variable; Raw: the value; Attrs: the dotted attribute as written. */
  text: string = "";
  /** Attrs: the attribute path, split on `.`, as get_property wants it. */
  attrPath: Array<string> = [];
  /** Default: `from` when non-empty, else `to`. */
  from: ServiceNameSource | null = null;
  to: ServiceNameSource | null = null;

  constructor(kind: NameSourceKind) {
    this.kind = kind;
  }
}

export class ServiceNameExtractor {
  cluster: ServiceNameSource = new ServiceNameSource(NameSourceKind.Istio);
  ns: ServiceNameSource = new ServiceNameSource(NameSourceKind.Istio);
  sa: ServiceNameSource = new ServiceNameSource(NameSourceKind.Istio);
  workload: ServiceNameSource = new ServiceNameSource(NameSourceKind.Istio);
}

export function readServiceNameExtractor(ctx: LoadContext, node: YamlNode, what: string): ServiceNameExtractor {
  const ex = new ServiceNameExtractor();
  if (node.kind == YamlKind.Mapping && node.tag.length == 0) {
    for (let i = 0; i < node.keys.length; i++) {
      const k = node.keys[i];
      const src = readNameSource(ctx, node.values[i], what + "." + k.text);
      if (src === null) continue;
      if (k.text == "cluster") ex.cluster = src;
      else if (k.text == "ns") ex.ns = src;
      else if (k.text == "sa") ex.sa = src;
      else if (k.text == "workload") ex.workload = src;
      else ctx.unknownKey(k, what);
    }
    return ex;
  }
  // A single source stands for every field (`local_service_name: istio`).
  const src = readNameSource(ctx, node, what);
  if (src !== null) {
    ex.cluster = src;
    ex.ns = src;
    ex.sa = src;
    ex.workload = src;
  }
  return ex;
}

function readNameSource(ctx: LoadContext, node: YamlNode, what: string): ServiceNameSource | null {
  if (node.tag.length == 0 && isStringLike(node)) {
    if (node.text == "none") return new ServiceNameSource(NameSourceKind.None);
    if (node.text == "istio") return new ServiceNameSource(NameSourceKind.Istio);
    ctx.warn(node, what + ": unknown service name source '" + node.text + "' (expected none, istio, !env, !attrs, !raw or {default}); keeping istio");
    return null;
  }
  const choice = choiceOf(node);
  if (choice === null) {
    ctx.wrongType(node, what, "a service name source");
    return null;
  }
  const c = changetype<Choice>(choice);
  const v = c.value;
  if (c.name == "default") {
    if (v === null || v.kind != YamlKind.Mapping) {
      ctx.warn(c.at, what + ": default needs {from, to}; keeping istio");
      return null;
    }
    const from = v.get("from");
    const to = v.get("to");
    if (from === null || to === null) {
      ctx.warn(c.at, what + ": default needs both from and to; keeping istio");
      return null;
    }
    const f = readNameSource(ctx, from, what + ".from");
    const t = readNameSource(ctx, to, what + ".to");
    if (f === null || t === null) return null;
    const s = new ServiceNameSource(NameSourceKind.Default);
    s.from = f;
    s.to = t;
    return s;
  }
  let kind: NameSourceKind;
  if (c.name == "env") kind = NameSourceKind.Env;
  else if (c.name == "attrs") kind = NameSourceKind.Attrs;
  else if (c.name == "raw") kind = NameSourceKind.Raw;
  else {
    ctx.warn(c.at, what + ": unknown service name source '" + c.name + "'; keeping istio");
    return null;
  }
  if (v === null || !isStringLike(v)) {
    ctx.warn(c.at, what + ": !" + c.name + " needs a string; keeping istio");
    return null;
  }
  const s = new ServiceNameSource(kind);
  s.text = v.text;
  if (kind == NameSourceKind.Attrs) s.attrPath = v.text.split(".");
  return s;
}

export const enum ServiceFilterKind { Cluster, Ns, Sa, Workload, Any, All, ResponseOutbound, ResponseInbound, Canonical }

const FIELD_KEYS: Array<string> = ["cluster", "ns", "sa", "workload"];

export class ServiceFilter {
  kind: ServiceFilterKind;
  /** `exclude_…`: none of the rules may pass. */
  exclude: bool = false;
  /** Filter-mode rules (Cluster/Ns/Sa/Workload; Canonical holds one). */
  rules: Array<MatchRule> = [];
  /** Any / All. */
  children: Array<ServiceFilter> = [];

  constructor(kind: ServiceFilterKind) {
    this.kind = kind;
  }
}

/** One ServiceFilter, or null after a warning. */
export function readServiceFilter(ctx: LoadContext, node: YamlNode): ServiceFilter | null {
  const filterPlace = new RulePlace(RuleMode.Filter, false, false);
  if (node.tag.length == 0 && isStringLike(node)) {
    if (node.text == "response_outbound") return new ServiceFilter(ServiceFilterKind.ResponseOutbound);
    if (node.text == "response_inbound") return new ServiceFilter(ServiceFilterKind.ResponseInbound);
    // Any other string is a rule against the canonical service string (§6.3 Decision).
    const r = readRule(ctx, node, filterPlace);
    if (r === null) return null;
    const f = new ServiceFilter(ServiceFilterKind.Canonical);
    f.rules.push(r);
    return f;
  }
  if (node.kind == YamlKind.Mapping && node.tag.length == 0 && node.keys.length > 1) {
    ctx.warn(node, "a service filter has " + node.keys.length.toString() + " keys; treated as 'all' over them");
    const all = new ServiceFilter(ServiceFilterKind.All);
    for (let i = 0; i < node.keys.length; i++) {
      const f = readServiceChoice(ctx, new Choice(node.keys[i].text, node.keys[i], node.values[i]));
      if (f !== null) all.children.push(f);
    }
    return all;
  }
  const choice = choiceOf(node);
  if (choice === null) {
    ctx.wrongType(node, "service filter", "a string or a one-key map");
    return null;
  }
  return readServiceChoice(ctx, changetype<Choice>(choice));
}

function readServiceChoice(ctx: LoadContext, c: Choice): ServiceFilter | null {
  const v = c.value;
  if (c.name == "any" || c.name == "all") {
    const f = new ServiceFilter(c.name == "any" ? ServiceFilterKind.Any : ServiceFilterKind.All);
    if (v === null) {
      ctx.warn(c.at, "service filter '" + c.name + "' needs a list; filter dropped");
      return null;
    }
    const items = oneOrMore(v);
    for (let i = 0; i < items.length; i++) {
      const child = readServiceFilter(ctx, items[i]);
      if (child !== null) f.children.push(child);
    }
    return f;
  }
  let name = c.name;
  let exclude = false;
  if (name.startsWith("exclude_")) {
    exclude = true;
    name = name.substring(8);
  }
  const field = FIELD_KEYS.indexOf(name);
  if (field < 0) {
    ctx.warn(c.at, "unknown service filter key '" + c.name + "'; filter dropped");
    return null;
  }
  if (v === null) {
    ctx.warn(c.at, "service filter '" + c.name + "' needs one or more rules; filter dropped");
    return null;
  }
  const f = new ServiceFilter(<ServiceFilterKind>field);
  f.exclude = exclude;
  f.rules = readRules(ctx, v, new RulePlace(RuleMode.Filter, false, false));
  if (f.rules.length == 0) {
    ctx.warn(c.at, "service filter '" + c.name + "' holds no valid rule; filter dropped");
    return null;
  }
  return f;
}
