// The layer shared by the flow and block parsers: node construction and everything that
// applies to nodes of either style — properties (tags, anchors), aliases, the nesting and
// alias-expansion bounds, plain-scalar start rules and the common error messages.

import { Cursor } from "./cursor";
import { EOF, isWsOrEnd, isFlowIndicator, isBreak, isIndicator } from "./chars";
import { YamlNode, YamlKind } from "./node";
import { Properties, TagKind } from "./properties";
import { resolvePlain } from "./resolve";

/** Most nodes that aliases may add to the document when expanded: far above what a
 *  policy or an Envoy configuration needs, far below what would stall a consumer walking
 *  the tree (ten levels of ten aliases each would be ten billion). */
export const MAX_ALIAS_EXPANSION: i32 = 100000;

const SIZE_CAP: i32 = 1 << 30;

@inline function addSize(a: i32, b: i32): i32 {
  let s = a + b;
  return s > SIZE_CAP || s < 0 ? SIZE_CAP : s;
}

/** Deepest nesting of collections accepted. The bound is set by the stack, not by YAML:
 *  with the incremental GC, managed locals live on a 32 KiB shadow stack, and one level of
 *  block-mapping recursion takes about 240 bytes of it in debug builds (fewer when
 *  optimized). 64 levels stay under half of it, leaving room for the caller; policies nest
 *  about 10 levels, Envoy/Istio configurations about 25. */
export const MAX_DEPTH: i32 = 64;

export class NodeContext {
  cur: Cursor;
  protected anchors: Map<string, YamlNode> = new Map();
  protected depth: i32 = 0;
  /** Nodes added by aliases so far (their targets' expanded sizes). */
  protected aliasExpansion: i32 = 0;
  /** Set by the node parsers: quoted scalar or flow collection, after which a `:` needs no
   *  following space in flow context (`{"a":1}`, JSON). */
  protected jsonLike: bool = false;

  constructor(input: Uint8Array) {
    this.cur = new Cursor(input);
  }

  protected plainNode(text: string, start: i32): YamlNode {
    let node = this.cur.nodeAt(YamlKind.String, start);
    node.text = text;
    resolvePlain(node);
    return node;
  }

  protected parseAlias(): YamlNode | null {
    let cur = this.cur;
    let start = cur.pos;
    let p = start + 1;
    while (true) {
      let c = cur.at(p);
      if (isWsOrEnd(c) || isFlowIndicator(c)) break;
      p++;
    }
    if (p == start + 1) {
      cur.fail(start, "expected an alias name after '*', found " + cur.describe(p));
      return null;
    }
    let name = cur.text(start + 1, p);
    cur.pos = p;
    if (!this.anchors.has(name)) {
      cur.fail(start, "unknown alias '*" + name + "': no anchor '&" + name + "' is defined before it (quote the value if it is not an alias, e.g. a glob like \"*/api/**\")");
      return null;
    }
    // An alias is the anchored node itself (no copy): consumers must not mutate nodes.
    let node = this.anchors.get(name);
    this.aliasExpansion = addSize(this.aliasExpansion, node.expandedSize);
    if (this.aliasExpansion > MAX_ALIAS_EXPANSION) {
      cur.fail(start, "aliases expand to more than " + MAX_ALIAS_EXPANSION.toString() + " nodes: '*" + name + "' adds " +
        node.expandedSize.toString() + " (is this an alias bomb?)");
      return null;
    }
    return node;
  }

  /** Applies properties to a finished node: position, tag, anchor. */
  protected finishNode(node: YamlNode, props: Properties): YamlNode | null {
    if (!props.present) return node;
    let cur = this.cur;
    let line = cur.lineIndex(props.start);
    node.line = line + 1;
    node.column = cur.columnOf(line, props.start);
    let kind = props.tagKind;
    if (kind == TagKind.Local) {
      node.tag = props.tag;
    } else if (kind != TagKind.None) {
      if (kind == TagKind.Map || kind == TagKind.Seq) {
        let want = kind == TagKind.Map ? YamlKind.Mapping : YamlKind.Sequence;
        if (node.kind != want) return this.failTag(props, node, kind == TagKind.Map ? "a mapping" : "a sequence");
      } else {
        if (!node.isScalar()) return this.failTag(props, node, "a scalar");
        if (kind == TagKind.Str || kind == TagKind.NonSpecific) {
          node.kind = YamlKind.String;
        } else {
          resolvePlain(node);
          if (kind == TagKind.Int) {
            if (node.kind != YamlKind.Int) return this.failTag(props, node, "an integer");
          } else if (kind == TagKind.Float) {
            if (node.kind == YamlKind.Int) node.kind = YamlKind.Float;
            if (node.kind != YamlKind.Float) return this.failTag(props, node, "a float");
          } else if (kind == TagKind.Bool) {
            if (node.kind != YamlKind.Bool) return this.failTag(props, node, "true or false");
          } else if (kind == TagKind.Null) {
            if (node.kind != YamlKind.Null) return this.failTag(props, node, "null");
          }
        }
      }
    }
    let anchor = props.anchor;
    if (anchor !== null) this.anchors.set(anchor, node);
    return node;
  }

  protected failTag(props: Properties, node: YamlNode, expected: string): YamlNode | null {
    let found = node.kind == YamlKind.Mapping ? "a mapping" : node.kind == YamlKind.Sequence ? "a sequence" : "'" + node.text + "'";
    this.cur.fail(props.tagPos, "the tag needs " + expected + ", found " + found);
    return null;
  }

  protected canStartPlain(c: i32, next: i32, flow: bool): bool {
    if (isWsOrEnd(c)) return false;
    if (!isIndicator(c)) return true;
    if (c == 0x2D || c == 0x3F || c == 0x3A) {
      // `-x`, `?x`, `:x` are plain scalars when a safe character follows.
      return !isWsOrEnd(next) && !(flow && isFlowIndicator(next));
    }
    return false;
  }

  protected failUnexpected(flow: bool): YamlNode | null {
    let cur = this.cur;
    let c = cur.cur();
    let found = cur.describe(cur.pos);
    let msg: string;
    if (c == EOF || isBreak(c)) {
      msg = "expected a value, found " + found;
    } else if (!flow && (c == 0x2C || c == 0x5D || c == 0x7D)) {
      msg = "unexpected " + found + " outside a flow collection (quote the value if it belongs to it)";
    } else if (flow && (c == 0x7C || c == 0x3E)) {
      msg = "block scalars ('|', '>') are not allowed inside a flow collection";
    } else if (flow && c == 0x2D && isWsOrEnd(cur.peek(1))) {
      msg = "block sequence entries ('- ') are not allowed inside a flow collection";
    } else if (c == 0x40 || c == 0x60 || c == 0x25) {
      msg = "a plain scalar cannot start with " + found + " (reserved indicator): quote the value";
    } else {
      msg = "expected a value, found " + found;
    }
    cur.fail(cur.pos, msg);
    return null;
  }

  protected failExplicitKey(): YamlNode | null {
    this.cur.fail(this.cur.pos, "explicit mapping keys ('? ') are not supported: write 'key: value'");
    return null;
  }

  /** Counts one nesting level; false (after an error) beyond MAX_DEPTH. */
  protected enter(at: i32 = -1): bool {
    if (++this.depth > MAX_DEPTH) {
      this.cur.fail(at >= 0 ? at : this.cur.pos, "nesting is deeper than " + MAX_DEPTH.toString() + " levels");
      return false;
    }
    return true;
  }
}

/** Sets a collection's expandedSize from its children's. */
export function sizeOf(node: YamlNode): void {
  let size = 1;
  let items = node.items;
  for (let i = 0, n = items.length; i < n; i++) size = addSize(size, unchecked(items[i]).expandedSize);
  let keys = node.keys;
  let values = node.values;
  for (let i = 0, n = keys.length; i < n; i++) {
    size = addSize(size, unchecked(keys[i]).expandedSize);
    size = addSize(size, unchecked(values[i]).expandedSize);
  }
  node.expandedSize = size;
}
