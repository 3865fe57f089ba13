// Typed readers over YamlNode for the policy loader. Every reader that rejects a value warns
// with the node's line:column and tells the caller to drop the item (spec §0, lenient
// loading); only `fail` records a fatal problem (spec §2.3).
import { YamlNode, YamlKind } from "../yaml/index";
import { ConfigProblems } from "../config/diagnostics";
import { kindName } from "../config/plugin-config";

/** Where problems go, and how messages are prefixed. A `local_policy` given as a YAML string
 *  is parsed on its own, so its positions refer to that string: the prefix says so. */
export class LoadContext {
  /** What happens to a rejected value, said at the end of each warning: "ignored" for a
   *  field of the policy or of an endpoint (the default is kept); "entry dropped" and the
   *  like inside an item that a bad field drops whole (§0: the smallest enclosing item). */
  outcome: string = "ignored";

  constructor(public problems: ConfigProblems, public prefix: string = "") {}

  /** Number of problems so far: compare before and after reading an item to know whether
   *  anything in it was rejected. */
  get mark(): i32 {
    return this.problems.items.length;
  }

  warn(node: YamlNode, message: string): void {
    this.problems.warn(node.line, node.column, this.prefix + message);
  }

  warnAt(line: i32, column: i32, message: string): void {
    this.problems.warn(line, column, this.prefix + message);
  }

  fail(node: YamlNode, message: string): void {
    this.problems.fail(node.line, node.column, this.prefix + message);
  }

  wrongType(node: YamlNode, what: string, expected: string): void {
    this.warn(node, what + " must be " + expected + ", found " + describeNode(node) + "; " + this.outcome);
  }

  unknownKey(keyNode: YamlNode, where: string): void {
    this.warn(keyNode, "unknown key '" + keyNode.text + "' in " + where + (this.outcome == "ignored" ? " is ignored" : "; " + this.outcome));
  }
}

export function describeNode(node: YamlNode): string {
  if (node.tag.length > 0) return "tag !" + node.tag;
  return kindName(node.kind);
}

/** Spec §2.1: where a string is expected, any non-null scalar is its source text. */
export function isStringLike(node: YamlNode): bool {
  return node.isScalar() && node.kind != YamlKind.Null;
}

/** A one-key choice in either spelling (spec §0): `!name value` ≡ `{name: value}`; a bare
 *  string is a choice with no value (`internal: credit_card`, `- jwt_decode`). */
export class Choice {
  constructor(
    public name: string,
    /** Where the name is written (the tag's node, the key, or the bare string). */
    public at: YamlNode,
    /** The argument; null for a bare name. A tagged node is its own argument, its tag consumed. */
    public value: YamlNode | null,
  ) {}
}

/** Reads a choice; null (nothing reported) if the node is none of the three spellings,
 *  including a map with more than one key — the caller decides what that means. */
export function choiceOf(node: YamlNode): Choice | null {
  if (node.tag.length > 0) return new Choice(node.tag, node, node.kind == YamlKind.Null ? null : untagged(node));
  if (node.kind == YamlKind.Mapping && node.keys.length == 1) {
    const v = node.values[0];
    return new Choice(node.keys[0].text, node.keys[0], v.kind == YamlKind.Null && v.tag.length == 0 ? null : v);
  }
  if (node.kind == YamlKind.String) return new Choice(node.text, node, null);
  return null;
}

/** The node without its tag: a tag that named a choice is consumed, so the argument is read
 *  as if written `{name: value}` (`- !internal routing_number`). Shares the children. */
export function untagged(node: YamlNode): YamlNode {
  const copy = new YamlNode(node.kind, node.line, node.column);
  copy.style = node.style;
  copy.text = node.text;
  copy.boolValue = node.boolValue;
  copy.intValue = node.intValue;
  copy.floatValue = node.floatValue;
  copy.items = node.items;
  copy.keys = node.keys;
  copy.values = node.values;
  return copy;
}

/** "One or more X" (spec §0): a list, or one item standing for a list of one. */
export function oneOrMore(node: YamlNode): Array<YamlNode> {
  if (node.kind == YamlKind.Sequence && node.tag.length == 0) return node.items;
  const one = new Array<YamlNode>();
  if (node.kind != YamlKind.Null || node.tag.length > 0) one.push(node);
  return one;
}

/** A string, or null after a warning. */
export function readString(ctx: LoadContext, node: YamlNode, what: string): string | null {
  if (isStringLike(node)) return node.text;
  ctx.wrongType(node, what, "a string");
  return null;
}

/** One or more strings; items that are not strings are dropped with a warning. */
export function readStrings(ctx: LoadContext, node: YamlNode, what: string): Array<string> {
  const out = new Array<string>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const s = readString(ctx, items[i], what);
    if (s !== null) out.push(s);
  }
  return out;
}

/** Integer in [min, max], or `fallback` after a warning. */
export function readInt(ctx: LoadContext, node: YamlNode, what: string, min: i64, max: i64, fallback: i64): i64 {
  if (node.kind == YamlKind.Int && node.intValue >= min && node.intValue <= max) return node.intValue;
  if (node.kind == YamlKind.Int) {
    ctx.warn(node, what + " must be between " + min.toString() + " and " + max.toString() + ", found " + node.text + "; " + ctx.outcome);
  } else ctx.wrongType(node, what, "an integer");
  return fallback;
}

/** Number (int or float) in [min, max], or NaN after a warning. */
export function readNumber(ctx: LoadContext, node: YamlNode, what: string, min: f64, max: f64): f64 {
  let v: f64 = NaN;
  if (node.kind == YamlKind.Int) v = <f64>node.intValue;
  else if (node.kind == YamlKind.Float) v = node.floatValue;
  else {
    ctx.wrongType(node, what, "a number");
    return NaN;
  }
  if (v < min || v > max || isNaN(v)) {
    ctx.warn(node, what + " must be between " + formatNumber(min) + " and " + formatNumber(max) + ", found " + node.text + "; " + ctx.outcome);
    return NaN;
  }
  return v;
}

/** Whole numbers without a trailing ".0", for messages. */
function formatNumber(v: f64): string {
  if (Math.floor(v) == v && Math.abs(v) < 1e15) return (<i64>v).toString();
  return v.toString();
}

/** Bool, or `fallback` after a warning. */
export function readBool(ctx: LoadContext, node: YamlNode, what: string, fallback: bool): bool {
  if (node.kind == YamlKind.Bool) return node.boolValue;
  ctx.wrongType(node, what, "true or false");
  return fallback;
}

/** Index of `text` in `names`, or -1 after a warning listing the accepted names. */
export function readEnum(ctx: LoadContext, node: YamlNode, what: string, names: Array<string>): i32 {
  if (isStringLike(node)) {
    const i = names.indexOf(node.text);
    if (i >= 0) return i;
    ctx.warn(node, "unknown " + what + " '" + node.text + "' (expected one of " + names.join(", ") + "); " + ctx.outcome);
    return -1;
  }
  ctx.wrongType(node, what, "one of " + names.join(", "));
  return -1;
}

/** A map, or false after a warning. */
export function expectMap(ctx: LoadContext, node: YamlNode, what: string): bool {
  if (node.kind == YamlKind.Mapping) return true;
  ctx.wrongType(node, what, "a map");
  return false;
}

export function isAllDigits(s: string): bool {
  if (s.length == 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** ASCII lowercase (header names are case-insensitive, spec §0). */
export function asciiLower(s: string): string {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) { needs = true; break; }
  }
  if (!needs) return s;
  const out = new Array<string>(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[i] = String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
  }
  return out.join("");
}
