// The top layer of the parser: the document and block structure (flow collections are in
// flow.ts, what both share in nodes.ts, scalar text in scalars.ts).
//
// It is a recursive-descent parser straight over the bytes (no token stream): block
// structure is decided by indentation, which we read from the line index. Conventions:
// - `parentIndent` is the indentation of the enclosing block collection (-1 at the top).
//   A node's content must be indented more than it — except that a block sequence may
//   sit at its mapping key's indentation (`key:\n- a`), which YAML allows.
// - After a node is parsed, pos is at the end of its last line's content; only blanks and
//   a comment may follow on that line (`expectLineEnd`).
// - Every collection counts one nesting level; more than MAX_DEPTH is an error, so
//   hostile input cannot exhaust the wasm stack.
// - The first error stops everything: callers check `cur.failed` after every call.
//
// Not supported, each with an error naming it: explicit keys (`? `), %TAG directives and
// named tag handles (`!e!x`), more than one document. Merge keys (`<<`) are plain keys.

import { isWsOrEnd, isBreak, TAB } from "./chars";
import { YamlNode, YamlKind, ScalarStyle } from "./node";
import { YamlDocument } from "./diagnostics";
import { Properties, NO_PROPERTIES, readProperties, mergeProperties } from "./properties";
import { scanPlainLine, continuePlain, scanQuoted, scanBlockScalar } from "./scalars";
import { MappingBuilder } from "./mapping";
import { sizeOf } from "./nodes";
import { FlowParser } from "./flow";

export class Parser extends FlowParser {
  /** Set by parseFirstNode: the node fits on one line (so it may be an implicit key). */
  private singleLine: bool = true;
  /** Set by parseFirstNode: the node is an alias (it must not take properties). */
  private wasAlias: bool = false;

  constructor(input: Uint8Array) {
    super(input);
  }

  parse(): YamlDocument {
    let doc = new YamlDocument();
    let cur = this.cur;
    cur.scanLines();
    let root: YamlNode | null = null;
    if (!cur.failed) root = this.parseStream();
    doc.errors = cur.errors;
    doc.warnings = cur.warnings;
    doc.root = cur.failed ? null : root;
    return doc;
  }

  // -------------------------------------------------------------------------------------
  // Document

  private parseStream(): YamlNode | null {
    let cur = this.cur;
    if (cur.at(0) == 0xEF && cur.at(1) == 0xBB && cur.at(2) == 0xBF) cur.pos = 3; // BOM
    let sawDirective = false;
    while (true) {
      cur.skipSpace();
      if (cur.cur() != 0x25 || cur.indentAt(cur.pos) != 0) break;
      let p = cur.pos;
      if (this.startsWith(p, "%TAG") && isWsOrEnd(cur.at(p + 4))) {
        cur.fail(p, "%TAG directives are not supported: use local tags such as '!name'");
        return null;
      }
      if (!(this.startsWith(p, "%YAML") && isWsOrEnd(cur.at(p + 5)))) {
        cur.warn(p, "unknown directive ignored");
      }
      sawDirective = true;
      cur.skipToLineEnd();
    }
    let root: YamlNode | null;
    if (cur.isDocumentMarker(cur.pos) && cur.cur() == 0x2D) {
      cur.pos += 3;
      root = this.parseBlockValue(-1, true, true);
    } else if (sawDirective) {
      cur.fail(cur.pos, "expected '---' after the directives, found " + cur.describe(cur.pos));
      return null;
    } else if (cur.atEnd() || cur.isDocumentMarker(cur.pos)) {
      root = cur.nodeAt(YamlKind.Null, cur.atEnd() ? 0 : cur.pos);
    } else {
      let indent = this.blockIndent();
      if (cur.failed) return null;
      root = this.parseNodeAtLineStart(indent, -1, true, NO_PROPERTIES);
    }
    if (cur.failed) return null;
    // An empty document may end right at `...`; otherwise only a comment may follow.
    if (!cur.isDocumentMarker(cur.pos) && !this.expectLineEnd()) return null;
    cur.skipSpace();
    if (cur.isDocumentMarker(cur.pos)) {
      if (cur.cur() == 0x2E) {
        cur.pos += 3;
        if (!this.expectLineEnd()) return null;
        cur.skipSpace();
        if (cur.atEnd()) return root;
      }
      if (cur.isDocumentMarker(cur.pos) && cur.cur() == 0x2D) {
        cur.fail(cur.pos, "found a second document ('---'): a policy must be a single YAML document");
      } else {
        cur.fail(cur.pos, "expected the end of input after the document end marker '...', found " + cur.describe(cur.pos));
      }
      return null;
    }
    if (!cur.atEnd()) {
      cur.fail(cur.pos, "expected the end of the document, found " + cur.describe(cur.pos) +
        " (at column " + (cur.indentAt(cur.pos) + 1).toString() + ", which matches no enclosing block)");
      return null;
    }
    return root;
  }

  private startsWith(p: i32, s: string): bool {
    for (let i = 0; i < s.length; i++) {
      if (this.cur.at(p + i) != s.charCodeAt(i)) return false;
    }
    return true;
  }

  // -------------------------------------------------------------------------------------
  // Block context

  /** The node after an indicator (`key:`, `- `, `---`): on the same line, on the
   *  following (more indented) lines, or empty. `seqAtParent`: a block sequence may sit
   *  at parentIndent. `compact`: a block collection may start on this line (`- a: 1`,
   *  `- - a`), which YAML allows after `- ` but not after `key:`. */
  private parseBlockValue(parentIndent: i32, seqAtParent: bool, compact: bool): YamlNode | null {
    let cur = this.cur;
    let props = NO_PROPERTIES;
    if (!cur.skipRestOfLine()) {
      props = readProperties(cur, false);
      if (cur.failed) return null;
      if (!cur.skipRestOfLine()) return this.parseInlineNode(parentIndent, props, compact);
    }
    return this.parseNodeOnNextLines(parentIndent, seqAtParent, props);
  }

  /** Content on the indicator's own line. `props` (if any) precede it on that line. */
  private parseInlineNode(parentIndent: i32, props: Properties, compact: bool): YamlNode | null {
    let cur = this.cur;
    let c = cur.cur();
    let n = cur.peek(1);
    if (c == 0x2D && isWsOrEnd(n)) {
      if (!compact) {
        cur.fail(cur.pos, "a block sequence cannot start on the line of its mapping key: put each '- ' entry on its own line");
        return null;
      }
      return this.parseBlockSequence(cur.indentAt(cur.pos), props);
    }
    if (c == 0x3F && isWsOrEnd(n)) return this.failExplicitKey();
    if (c == 0x7C || c == 0x3E) return this.parseBlockScalar(parentIndent, props);
    // Properties before an implicit key belong to the key: `- &k name: v` anchors "name".
    return this.parseLineNode(cur.indentAt(cur.pos), parentIndent, NO_PROPERTIES, props, compact);
  }

  /** The node starts on a later line, or is empty if that line is not indented enough. */
  private parseNodeOnNextLines(parentIndent: i32, seqAtParent: bool, props: Properties): YamlNode | null {
    let cur = this.cur;
    let save = cur.pos;
    cur.skipSpace();
    if (!cur.atEnd() && !cur.isDocumentMarker(cur.pos)) {
      let indent = this.blockIndent();
      if (cur.failed) return null;
      let isSeq = cur.cur() == 0x2D && isWsOrEnd(cur.peek(1));
      if (indent > parentIndent || (seqAtParent && isSeq && indent == parentIndent)) {
        return this.parseNodeAtLineStart(indent, parentIndent, seqAtParent, props);
      }
    }
    cur.pos = save;
    return this.finishNode(cur.nodeAt(YamlKind.Null, save), props);
  }

  /** A node whose first character is the first non-blank of its line, at `indent`. */
  private parseNodeAtLineStart(indent: i32, parentIndent: i32, seqAtParent: bool, outer: Properties): YamlNode | null {
    let cur = this.cur;
    let c = cur.cur();
    let n = cur.peek(1);
    if (c == 0x2D && isWsOrEnd(n)) return this.parseBlockSequence(indent, outer);
    if (c == 0x3F && isWsOrEnd(n)) return this.failExplicitKey();
    if (c == 0x3A && isWsOrEnd(n)) {
      cur.fail(cur.pos, "expected a mapping key before ':'");
      return null;
    }
    if (c == 0x7C || c == 0x3E) return this.parseBlockScalar(parentIndent, outer);
    let props = readProperties(cur, false);
    if (cur.failed) return null;
    if (props.present) {
      if (cur.skipRestOfLine()) {
        // Properties alone on their line belong to the node on the following lines.
        outer = mergeProperties(cur, outer, props);
        if (cur.failed) return null;
        return this.parseNodeOnNextLines(parentIndent, seqAtParent, outer);
      }
      c = cur.cur();
      if (c == 0x7C || c == 0x3E) {
        outer = mergeProperties(cur, outer, props);
        if (cur.failed) return null;
        return this.parseBlockScalar(parentIndent, outer);
      }
      if (c == 0x2D && isWsOrEnd(cur.peek(1))) {
        cur.fail(cur.pos, "a block sequence cannot start after a tag or anchor on the same line: put the tag or anchor on the line before");
        return null;
      }
    }
    return this.parseLineNode(indent, parentIndent, outer, props, true);
  }

  /** A scalar, alias or flow collection starting on this line; if a `:` follows, it is the
   *  first key of a block mapping at `nodeIndent` (allowed only when `allowMapping`).
   *  `keyProps` were written before it on the line; `outer` on earlier lines. */
  private parseLineNode(nodeIndent: i32, parentIndent: i32, outer: Properties, keyProps: Properties, allowMapping: bool): YamlNode | null {
    let cur = this.cur;
    let start = cur.pos;
    let node = this.parseFirstNode(parentIndent, keyProps, true);
    if (node === null || cur.failed) return null;
    let save = cur.pos;
    cur.skipBlanks();
    if (cur.cur() == 0x3A && isWsOrEnd(cur.peek(1))) {
      if (!allowMapping) {
        cur.fail(cur.pos, "mapping values are not allowed here: a value on its key's line cannot itself be 'key: value' (quote it, or start the mapping on the next line)");
        return null;
      }
      if (!this.singleLine) {
        cur.fail(start, "a mapping key must be on a single line");
        return null;
      }
      if (!this.wasAlias) node = this.finishNode(node, keyProps);
      if (node === null) return null;
      return this.parseBlockMapping(nodeIndent, node, outer, keyProps.present ? keyProps.start : start);
    }
    cur.pos = save;
    if (this.wasAlias) {
      if (outer.present) {
        cur.fail(outer.start, "an alias cannot have a tag or anchor");
        return null;
      }
      return node;
    }
    outer = mergeProperties(cur, outer, keyProps);
    if (cur.failed) return null;
    return this.finishNode(node, outer);
  }

  /** Parses an alias, flow collection, quoted scalar or plain scalar at pos, without
   *  applying `props` unless it is a flow collection (whose properties come first).
   *  `multiLinePlain`: a plain scalar not followed by `:` on its first line may continue
   *  on more indented lines. Sets singleLine, wasAlias and jsonLike. */
  private parseFirstNode(parentIndent: i32, props: Properties, multiLinePlain: bool): YamlNode | null {
    let cur = this.cur;
    let start = cur.pos;
    let line = cur.lineIndex(start);
    let c = cur.cur();
    this.singleLine = true;
    this.wasAlias = false;
    this.jsonLike = false;
    if (c == 0x2A) {
      if (props.present) {
        cur.fail(props.start, "an alias cannot have a tag or anchor");
        return null;
      }
      this.wasAlias = true;
      return this.parseAlias();
    }
    if (c == 0x5B || c == 0x7B) {
      this.jsonLike = true;
      let node = c == 0x5B ? this.parseFlowSequence(props) : this.parseFlowMapping(props);
      this.singleLine = cur.lineIndex(cur.pos) == line;
      return node;
    }
    if (c == 0x22 || c == 0x27) {
      let text = scanQuoted(cur, c == 0x22, parentIndent);
      if (text === null) return null;
      this.jsonLike = true;
      this.singleLine = !cur.quotedMultiLine;
      let node = cur.nodeAt(YamlKind.String, start);
      node.style = c == 0x22 ? ScalarStyle.DoubleQuoted : ScalarStyle.SingleQuoted;
      node.text = text;
      return node;
    }
    if (!this.canStartPlain(c, cur.peek(1), false)) return this.failUnexpected(false);
    let end = scanPlainLine(cur, false);
    let text: string;
    if (cur.plainStoppedAtColon || !multiLinePlain) {
      text = cur.text(start, end);
    } else {
      text = continuePlain(cur, parentIndent, false, start, end);
      this.singleLine = cur.pos == end;
    }
    return this.plainNode(text, start);
  }

  private parseBlockScalar(parentIndent: i32, props: Properties): YamlNode | null {
    let cur = this.cur;
    let start = cur.pos;
    let folded = cur.cur() == 0x3E;
    let text = scanBlockScalar(cur, parentIndent);
    if (text === null) return null;
    let node = cur.nodeAt(YamlKind.String, start);
    node.style = folded ? ScalarStyle.Folded : ScalarStyle.Literal;
    node.text = text;
    return this.finishNode(node, props);
  }

  /** A block sequence whose first `- ` is at pos, at column `indent`. */
  private parseBlockSequence(indent: i32, props: Properties): YamlNode | null {
    let cur = this.cur;
    if (!this.enter()) return null;
    let seq = cur.nodeAt(YamlKind.Sequence, cur.pos);
    while (true) {
      cur.pos++; // the '-'
      let item = this.parseBlockValue(indent, false, true);
      if (item === null || cur.failed) return null;
      seq.items.push(item);
      if (!this.expectLineEnd()) return null;
      let save = cur.pos;
      cur.skipSpace();
      if (cur.atEnd() || cur.isDocumentMarker(cur.pos)) {
        cur.pos = save;
        break;
      }
      let m = this.blockIndent();
      if (cur.failed) return null;
      let isEntry = cur.cur() == 0x2D && isWsOrEnd(cur.peek(1));
      if (m > indent) {
        cur.fail(cur.pos, "bad indentation: expected " + (isEntry ? "this '- ' entry" : "a '- ' entry") +
          " at column " + (indent + 1).toString() + " (this sequence's indentation), found " + cur.describe(cur.pos) +
          " at column " + (m + 1).toString());
        return null;
      }
      if (m < indent || !isEntry) {
        cur.pos = save;
        break;
      }
    }
    this.depth--;
    sizeOf(seq);
    return this.finishNode(seq, props);
  }

  /** A block mapping at `indent` whose first key (starting at keyStart) is parsed; pos is
   *  at its `:`. */
  private parseBlockMapping(indent: i32, firstKey: YamlNode, props: Properties, keyStart: i32): YamlNode | null {
    let cur = this.cur;
    if (!this.enter(keyStart)) return null;
    let map = new YamlNode(YamlKind.Mapping, firstKey.line, firstKey.column);
    let builder = new MappingBuilder(map);
    let key = firstKey;
    while (true) {
      cur.pos++; // the ':'
      let value = this.parseBlockValue(indent, true, false);
      if (value === null || cur.failed) return null;
      builder.add(cur, key, value);
      if (!this.expectLineEnd()) return null;
      let save = cur.pos;
      cur.skipSpace();
      if (cur.atEnd() || cur.isDocumentMarker(cur.pos)) {
        cur.pos = save;
        break;
      }
      let m = this.blockIndent();
      if (cur.failed) return null;
      if (m < indent) {
        cur.pos = save;
        break;
      }
      if (m > indent) {
        cur.fail(cur.pos, "bad indentation: expected a mapping key at column " + (indent + 1).toString() +
          " (this mapping's indentation), found " + cur.describe(cur.pos) + " at column " + (m + 1).toString());
        return null;
      }
      if (cur.cur() == 0x2D && isWsOrEnd(cur.peek(1))) {
        cur.fail(cur.pos, "expected a mapping key, found '- ': a sequence entry cannot follow mapping entries at the same indentation");
        return null;
      }
      let next = this.parseBlockKey();
      if (next === null) return null;
      key = next;
    }
    this.depth--;
    sizeOf(builder.finish());
    return this.finishNode(map, props);
  }

  /** A key of a block mapping after the first, at the start of its line; leaves pos at
   *  the `:`. */
  private parseBlockKey(): YamlNode | null {
    let cur = this.cur;
    let c = cur.cur();
    if (c == 0x3F && isWsOrEnd(cur.peek(1))) return this.failExplicitKey();
    if (c == 0x3A && isWsOrEnd(cur.peek(1))) {
      cur.fail(cur.pos, "expected a mapping key before ':'");
      return null;
    }
    let props = readProperties(cur, false);
    if (cur.failed) return null;
    let start = cur.pos;
    let node = this.parseFirstNode(-1, props, false);
    if (node === null || cur.failed) return null;
    let end = cur.pos;
    cur.skipBlanks();
    if (!(cur.cur() == 0x3A && isWsOrEnd(cur.peek(1)))) {
      let what = node.isScalar() && !this.wasAlias ? "key " + cur.excerpt(start, end) : "mapping key";
      if (node.style == ScalarStyle.SingleQuoted || node.style == ScalarStyle.DoubleQuoted) what = "key '" + node.text + "'";
      let at = cur.isCommentStart(cur.pos) ? end : cur.pos;
      let found = cur.isCommentStart(cur.pos) || isBreak(cur.cur()) ? "end of line" : cur.describe(cur.pos);
      cur.fail(at, "expected ':' after the " + what + ", found " + found);
      return null;
    }
    if (!this.singleLine) {
      cur.fail(start, "a mapping key must be on a single line");
      return null;
    }
    if (this.wasAlias) return node;
    return this.finishNode(node, props);
  }

  /** After a node: only blanks and a comment may follow on its line. */
  private expectLineEnd(): bool {
    let cur = this.cur;
    if (cur.failed) return false;
    if (cur.skipRestOfLine()) return true;
    let c = cur.cur();
    if (c == 0x3A) {
      cur.fail(cur.pos, "mapping values are not allowed here (found ':' after a complete value; quote the value if the ':' belongs to it)");
    } else if (c == 0x23) {
      cur.fail(cur.pos, "a comment needs whitespace before '#'");
    } else {
      cur.fail(cur.pos, "expected the end of the line after the value, found " + cur.describe(cur.pos));
    }
    return false;
  }

  /** Indentation of the line at pos (pos is its first non-blank). YAML indents with
   *  spaces only: a tab before the content is an error in block context. */
  private blockIndent(): i32 {
    let cur = this.cur;
    let lineStart = cur.lineStartOf(cur.pos);
    for (let p = lineStart; p < cur.pos; p++) {
      if (cur.at(p) == TAB) {
        cur.fail(p, "tab character in indentation: YAML indentation must use spaces");
        return -1;
      }
    }
    return cur.pos - lineStart;
  }
}
