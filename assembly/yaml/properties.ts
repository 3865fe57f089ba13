// Node properties: a tag (`!internal`, `!!str`, `!`) and an anchor (`&name`), in either
// order, before a node's content.

import { Cursor } from "./cursor";
import { EOF, isWsOrEnd, isFlowIndicator, isBlank, isBreak } from "./chars";

/** What a tag asks for. Local tags (`!name`) are kept on the node for the policy loader
 *  (`!internal x` ≡ `{internal: x}`, spec §0); standard `!!` tags and the non-specific
 *  `!` change how the node resolves. */
export enum TagKind {
  None,
  Local,
  NonSpecific, // `!` alone: the scalar is a string
  Str,
  Int,
  Float,
  Bool,
  Null,
  Map,
  Seq,
}

export class Properties {
  /** Offset of the first property, -1 if none. */
  start: i32 = -1;
  tagKind: TagKind = TagKind.None;
  tag: string = "";
  tagPos: i32 = -1;
  anchor: string | null = null;
  anchorPos: i32 = -1;

  @inline get present(): bool {
    return this.start >= 0;
  }

  /** Takes over `other`'s properties (a tag on one line and an anchor on the next);
   *  reports an error if both carry a tag or both an anchor. */
  merge(cur: Cursor, other: Properties): void {
    if (!other.present) return;
    if (other.tagKind != TagKind.None) {
      if (this.tagKind != TagKind.None) {
        cur.fail(other.tagPos, "a node can have only one tag (it already has one)");
        return;
      }
      this.tagKind = other.tagKind;
      this.tag = other.tag;
      this.tagPos = other.tagPos;
    }
    if (other.anchor !== null) {
      if (this.anchor !== null) {
        cur.fail(other.anchorPos, "a node can have only one anchor (it already has one)");
        return;
      }
      this.anchor = other.anchor;
      this.anchorPos = other.anchorPos;
    }
    if (this.start < 0 || other.start < this.start) this.start = other.start;
  }
}

/** The properties of a node that has none. Shared (most nodes have no properties, and
 *  allocation is what parsing costs most), so it must never be mutated: use
 *  readProperties and mergeProperties, which only mutate objects they allocated. */
export const NO_PROPERTIES = new Properties();

/** Reads the properties at cur.pos, if any (see parseProperties). */
export function readProperties(cur: Cursor, flow: bool): Properties {
  let c = cur.cur();
  if (c != 0x21 && c != 0x26) return NO_PROPERTIES;
  let props = new Properties();
  parseProperties(cur, props, flow);
  return props;
}

/** `a` with `b`'s properties added (an error if both have a tag or both an anchor). */
export function mergeProperties(cur: Cursor, a: Properties, b: Properties): Properties {
  if (!b.present) return a;
  if (!a.present) return b;
  a.merge(cur, b); // a is present, so it was allocated by readProperties
  return a;
}

/** End of a tag or anchor name starting at p: whitespace, the end, or a flow indicator. */
function nameEnd(cur: Cursor, p: i32): i32 {
  while (true) {
    let c = cur.at(p);
    if (isWsOrEnd(c) || isFlowIndicator(c)) return p;
    p++;
  }
}

/** Parses any properties at cur.pos into `props`, skipping blanks between and after them
 *  (and, in flow context, line breaks and comments). Stops at the node's content. */
export function parseProperties(cur: Cursor, props: Properties, flow: bool): void {
  while (!cur.failed) {
    let c = cur.cur();
    if (c == 0x21) {
      if (props.tagKind != TagKind.None) {
        cur.fail(cur.pos, "a node can have only one tag (it already has one)");
        return;
      }
      parseTag(cur, props);
    } else if (c == 0x26) {
      if (props.anchor !== null) {
        cur.fail(cur.pos, "a node can have only one anchor (it already has one)");
        return;
      }
      let start = cur.pos;
      let end = nameEnd(cur, start + 1);
      if (end == start + 1) {
        cur.fail(start, "expected an anchor name after '&', found " + cur.describe(end));
        return;
      }
      props.anchor = cur.text(start + 1, end);
      props.anchorPos = start;
      if (props.start < 0) props.start = start;
      cur.pos = end;
    } else {
      return;
    }
    if (cur.failed) return;
    let after = cur.cur();
    if (!isWsOrEnd(after) && !(flow && isFlowIndicator(after))) {
      cur.fail(cur.pos, "expected whitespace after the " + (c == 0x21 ? "tag" : "anchor") + ", found " + cur.describe(cur.pos));
      return;
    }
    if (flow) {
      cur.skipSpace();
    } else {
      cur.skipBlanks();
    }
  }
}

function parseTag(cur: Cursor, props: Properties): void {
  let start = cur.pos;
  if (props.start < 0) props.start = start;
  props.tagPos = start;
  let c1 = cur.at(start + 1);
  if (c1 == 0x3C) {
    // Verbatim `!<...>`: only `!<!local>` and the core schema's own URIs mean anything here.
    let p = start + 2;
    while (true) {
      let c = cur.at(p);
      if (c == 0x3E || c == EOF || isBlank(c) || isBreak(c)) break;
      p++;
    }
    if (cur.at(p) != 0x3E) {
      cur.fail(p, "expected '>' to close the verbatim tag, found " + cur.describe(p));
      return;
    }
    let uri = cur.text(start + 2, p);
    cur.pos = p + 1;
    if (uri.startsWith("!") && uri.length > 1) {
      props.tagKind = TagKind.Local;
      props.tag = uri.substring(1);
    } else if (uri.startsWith("tag:yaml.org,2002:")) {
      setStandard(cur, props, uri.substring(18), start);
    } else {
      cur.fail(start, "unsupported tag '!<" + uri + ">': only local tags (!name) and the core schema's tags are supported");
    }
    return;
  }
  let end = nameEnd(cur, start + 1);
  cur.pos = end;
  if (end == start + 1) {
    props.tagKind = TagKind.NonSpecific;
    return;
  }
  if (c1 == 0x21) {
    setStandard(cur, props, cur.text(start + 2, end), start);
    return;
  }
  let name = cur.text(start + 1, end);
  if (name.indexOf("!") >= 0) {
    cur.fail(start, "named tag handle in '" + cur.text(start, end) + "' is not supported (no %TAG directives): use a local tag like '!name'");
    return;
  }
  props.tagKind = TagKind.Local;
  props.tag = name;
}

function setStandard(cur: Cursor, props: Properties, name: string, pos: i32): void {
  let kind = TagKind.None;
  if (name == "str") kind = TagKind.Str;
  else if (name == "int") kind = TagKind.Int;
  else if (name == "float") kind = TagKind.Float;
  else if (name == "bool") kind = TagKind.Bool;
  else if (name == "null") kind = TagKind.Null;
  else if (name == "map") kind = TagKind.Map;
  else if (name == "seq") kind = TagKind.Seq;
  if (kind == TagKind.None) {
    cur.fail(pos, "unknown tag '!!" + name + "': the core schema has !!str, !!int, !!float, !!bool, !!null, !!map and !!seq");
    return;
  }
  props.tagKind = kind;
}
