// Flow context: `[...]` and `{...}`, where line breaks and indentation do not matter
// (JSON is written this way). Entries are separated by `,`; a trailing `,` is allowed;
// `[k: v]` is a single-pair mapping; `{a, b}` gives keys with null values. Empty keys
// (`{: v}`) and explicit keys (`? `) are errors.

import { EOF, isWsOrEnd, isFlowIndicator } from "./chars";
import { YamlNode, YamlKind, ScalarStyle } from "./node";
import { Properties, readProperties } from "./properties";
import { scanPlainLine, continuePlain, scanQuoted } from "./scalars";
import { MappingBuilder } from "./mapping";
import { NodeContext, sizeOf } from "./nodes";

const FLOW_FAIL: i32 = -1;
const FLOW_CLOSED: i32 = 0;
const FLOW_ENTRY: i32 = 1;

export class FlowParser extends NodeContext {
  /** A node inside a flow collection, at pos (after separation). */
  protected parseFlowNode(): YamlNode | null {
    let cur = this.cur;
    let props = readProperties(cur, true);
    if (cur.failed) return null;
    let c = cur.cur();
    this.jsonLike = false;
    if (props.present && (c == 0x2C || c == 0x5D || c == 0x7D || (c == 0x3A && isWsOrEnd(cur.peek(1))))) {
      return this.finishNode(cur.nodeAt(YamlKind.Null, cur.pos), props); // `[!tag , x]`
    }
    let start = cur.pos;
    if (c == 0x2A) {
      if (props.present) {
        cur.fail(props.start, "an alias cannot have a tag or anchor");
        return null;
      }
      return this.parseAlias();
    }
    if (c == 0x5B) {
      let node = this.parseFlowSequence(props);
      this.jsonLike = true;
      return node;
    }
    if (c == 0x7B) {
      let node = this.parseFlowMapping(props);
      this.jsonLike = true;
      return node;
    }
    if (c == 0x22 || c == 0x27) {
      let text = scanQuoted(cur, c == 0x22);
      if (text === null) return null;
      let node = cur.nodeAt(YamlKind.String, start);
      node.style = c == 0x22 ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
      node.text = text;
      this.jsonLike = true;
      return this.finishNode(node, props);
    }
    if (!this.canStartPlain(c, cur.peek(1), true)) return this.failUnexpected(true);
    let end = scanPlainLine(cur, true);
    let text = continuePlain(cur, -1, true, start, end);
    return this.finishNode(this.plainNode(text, start), props);
  }

  /** `:` as a value indicator in flow context: followed by whitespace or a flow
   *  indicator, or directly after a quoted scalar or flow collection (`{"a":1}`). */
  protected atFlowValueIndicator(jsonLike: bool): bool {
    let cur = this.cur;
    if (cur.cur() != 0x3A) return false;
    let n = cur.peek(1);
    return jsonLike || isWsOrEnd(n) || isFlowIndicator(n);
  }

  protected parseFlowSequence(props: Properties): YamlNode | null {
    let cur = this.cur;
    let open = cur.pos;
    if (!this.enter()) return null;
    let seq = cur.nodeAt(YamlKind.Sequence, open);
    cur.pos++;
    let afterEntry = false;
    while (true) {
      const step = this.flowStep(open, 0x5D, "flow sequence", "an entry", afterEntry);
      if (step == FLOW_FAIL) return null;
      if (step == FLOW_CLOSED) break;
      let c = cur.cur();
      if (c == 0x3F && isWsOrEnd(cur.peek(1))) return this.failExplicitKey();
      let item = this.parseFlowNode();
      if (item === null || cur.failed) return null;
      let jsonLike = this.jsonLike;
      cur.skipSpace();
      if (this.atFlowValueIndicator(jsonLike)) {
        // A single-pair mapping inside a sequence: `[name: value]`.
        cur.pos++;
        cur.skipSpace();
        let value = this.parseFlowValue(0x5D);
        if (value === null) return null;
        let pair = new YamlNode(YamlKind.Mapping, item.line, item.column);
        pair.keys.push(item);
        pair.values.push(value);
        sizeOf(pair);
        item = pair;
      }
      seq.items.push(item);
      afterEntry = true;
    }
    this.depth--;
    sizeOf(seq);
    return this.finishNode(seq, props);
  }

  protected parseFlowMapping(props: Properties): YamlNode | null {
    let cur = this.cur;
    let open = cur.pos;
    if (!this.enter()) return null;
    let map = cur.nodeAt(YamlKind.Mapping, open);
    let builder = new MappingBuilder(map);
    cur.pos++;
    let afterEntry = false;
    while (true) {
      const step = this.flowStep(open, 0x7D, "flow mapping", "a key", afterEntry);
      if (step == FLOW_FAIL) return null;
      if (step == FLOW_CLOSED) break;
      let c = cur.cur();
      if (c == 0x3F && isWsOrEnd(cur.peek(1))) return this.failExplicitKey();
      if (c == 0x3A && (isWsOrEnd(cur.peek(1)) || isFlowIndicator(cur.peek(1)))) {
        cur.fail(cur.pos, "expected a key before ':' in the flow mapping");
        return null;
      }
      let key = this.parseFlowNode();
      if (key === null || cur.failed) return null;
      let jsonLike = this.jsonLike;
      cur.skipSpace();
      let value: YamlNode | null;
      if (this.atFlowValueIndicator(jsonLike)) {
        cur.pos++;
        cur.skipSpace();
        value = this.parseFlowValue(0x7D);
      } else {
        value = cur.nodeAt(YamlKind.Null, cur.pos); // `{a, b}`: keys with null values
      }
      if (value === null || cur.failed) return null;
      builder.add(cur, key, value);
      afterEntry = true;
    }
    this.depth--;
    sizeOf(builder.finish());
    return this.finishNode(map, props);
  }

  /**
   * Between the entries of a flow collection: after an entry a `,` (or the closer) must come;
   * then the closer ends the collection (a trailing comma is allowed) or another entry follows.
   * Leaves the cursor on that entry.
   */
  private flowStep(open: i32, closer: i32, what: string, entry: string, afterEntry: bool): i32 {
    const cur = this.cur;
    const closeText = String.fromCharCode(closer);
    for (let round = 0; round < 2; round++) {
      cur.skipSpace();
      const c = cur.cur();
      if (c == EOF) {
        cur.fail(open, what + " is never closed: expected '" + closeText + "' before the end of input");
        return FLOW_FAIL;
      }
      if (c == closer) {
        cur.pos++;
        return FLOW_CLOSED;
      }
      if (!afterEntry || round == 1) break;
      if (c != 0x2C) {
        cur.fail(cur.pos, "expected ',' or '" + closeText + "' in the " + what + ", found " + cur.describe(cur.pos));
        return FLOW_FAIL;
      }
      cur.pos++;
    }
    if (cur.cur() == 0x2C) {
      cur.fail(cur.pos, "expected " + entry + " or '" + closeText + "' in the " + what + ", found ','");
      return FLOW_FAIL;
    }
    return FLOW_ENTRY;
  }

  /** The value after a flow `:`; empty (null) when `,` or the closing bracket follows. */
  protected parseFlowValue(close: i32): YamlNode | null {
    let cur = this.cur;
    let c = cur.cur();
    if (c == 0x2C || c == close) return cur.nodeAt(YamlKind.Null, cur.pos);
    let node = this.parseFlowNode();
    if (node === null || cur.failed) return null;
    cur.skipSpace();
    return node;
  }

}
