// Scanners for the three kinds of scalar text: plain, quoted and block (`|`, `>`).
// Each returns the decoded value; the structure parser wraps it in a node. Single-line
// scalars without escapes are decoded straight from the input range; anything that needs
// rewriting (folding, escapes, `''`) goes through the cursor's reusable byte buffer, so a
// scalar costs O(its length) however it is spelled.

import { Cursor } from "./cursor";
import { EOF, isBreak, isBlank, isWsOrEnd, isFlowIndicator, isDigit } from "./chars";
import { decodeEscape } from "./escapes";

// ---------------------------------------------------------------------------------------
// Plain scalars

/** Scans the rest of a plain scalar's current line from cur.pos. Stops before a line
 *  break, before ` #` (a comment), before a `:` that is a value indicator (followed by
 *  whitespace, or in flow context by a flow indicator), and in flow context before
 *  `,[]{}`. Returns the end of the content with trailing blanks excluded and leaves pos
 *  there; `cur.plainStoppedAtColon` says whether the scan ended at a value indicator. */
export function scanPlainLine(cur: Cursor, flow: bool): i32 {
  let p = cur.pos;
  let end = p;
  let stopColon = false;
  while (true) {
    let c = cur.at(p);
    if (c == EOF || isBreak(c)) break;
    if (c == 0x3A) {
      let n = cur.at(p + 1);
      if (isWsOrEnd(n) || (flow && isFlowIndicator(n))) {
        stopColon = true;
        break;
      }
    } else if (c == 0x23) {
      if (p > cur.pos && isBlank(cur.at(p - 1))) break;
    } else if (flow && isFlowIndicator(c)) {
      break;
    }
    p++;
    if (!isBlank(c)) end = p;
  }
  if (!stopColon) {
    // A `:` can follow blanks that we excluded: "key   : value".
    let q = end;
    while (isBlank(cur.at(q))) q++;
    let c = cur.at(q);
    if (c == 0x3A) {
      let n = cur.at(q + 1);
      stopColon = isWsOrEnd(n) || (flow && isFlowIndicator(n));
    }
  }
  cur.plainStoppedAtColon = stopColon;
  cur.pos = end;
  return end;
}

/** Continues a plain scalar whose first line is [start, firstEnd) onto following lines,
 *  folding line breaks (one break becomes a space, n empty lines become n newlines).
 *  In block context a continuation line must be indented more than `parentIndent`; a
 *  comment line, a document marker or a less indented line ends the scalar. Leaves pos at
 *  the end of the last content line. */
export function continuePlain(cur: Cursor, parentIndent: i32, flow: bool, start: i32, firstEnd: i32): string {
  let multi = false;
  let lastEnd = firstEnd;
  let buf = cur.buf;
  while (!cur.plainStoppedAtColon) {
    // Only blanks may remain on the current line.
    let p = lastEnd;
    while (isBlank(cur.at(p))) p++;
    if (!isBreak(cur.at(p))) break;
    // Cross the break and any empty lines.
    let empties = 0;
    p += cur.breakLen(p);
    let lineStart = p;
    let spaces = 0;
    while (true) {
      spaces = 0;
      while (cur.at(p) == 0x20) { p++; spaces++; }
      while (isBlank(cur.at(p))) p++;
      if (!isBreak(cur.at(p))) break;
      empties++;
      p += cur.breakLen(p);
      lineStart = p;
    }
    let c = cur.at(p);
    if (c == EOF) break;
    if (cur.isDocumentMarker(lineStart)) break;
    if (!flow && spaces <= parentIndent) break;
    if (c == 0x23) break; // a comment line ends a plain scalar
    if (c == 0x3A && (isWsOrEnd(cur.at(p + 1)) || (flow && isFlowIndicator(cur.at(p + 1))))) break;
    if (flow && isFlowIndicator(c)) break;
    if (!multi) {
      buf.clear();
      cur.appendRange(start, firstEnd);
      multi = true;
    }
    if (empties == 0) buf.push(0x20);
    else buf.fill(0x0A, empties);
    cur.pos = p;
    let e = scanPlainLine(cur, flow);
    cur.appendRange(p, e);
    lastEnd = e;
  }
  cur.pos = lastEnd;
  return multi ? buf.toString() : cur.text(start, firstEnd);
}

// ---------------------------------------------------------------------------------------
// Quoted scalars

/** Scans a single- or double-quoted scalar at cur.pos (the opening quote). Line breaks
 *  inside fold like plain scalars: trailing and leading blanks around a break are dropped,
 *  one break becomes a space, n empty lines n newlines. In block context continuation
 *  lines must be indented more than `parentIndent` (-1 in flow context and at the top):
 *  besides being YAML's rule, this puts the error for a forgotten closing quote on the
 *  line after it, instead of wherever the next quote happens to be. Returns null after an error;
 *  `cur.quotedMultiLine` says whether the scalar spanned lines. */
export function scanQuoted(cur: Cursor, double: bool, parentIndent: i32 = -1): string | null {
  let open = cur.pos;
  let quote = double ? 0x22 : 0x27;
  let buf = cur.buf;
  buf.clear();
  cur.pos++;
  let runStart = cur.pos;
  let multi = false;
  let rewritten = false;
  while (true) {
    let c = cur.cur();
    if (c == EOF) {
      cur.fail(open, (double ? "double" : "single") + "-quoted scalar is never closed: expected " + (double ? "'\"'" : "\"'\"") + " before the end of input");
      return null;
    }
    if (c == quote) {
      if (!double && cur.peek(1) == 0x27) {
        // '' is the only escape of single-quoted scalars.
        cur.appendRange(runStart, cur.pos + 1);
        cur.pos += 2;
        runStart = cur.pos;
        rewritten = true;
        continue;
      }
      break;
    }
    if (double && c == 0x5C) {
      cur.appendRange(runStart, cur.pos);
      rewritten = true;
      if (isBreak(cur.peek(1))) {
        // Escaped line break: joins the lines without a space; blanks before the
        // backslash are kept, leading blanks of the next line dropped, and empty lines
        // in between still give newlines.
        cur.pos++;
        cur.consumeBreak();
        multi = true;
        cur.skipBlanks();
        while (isBreak(cur.cur())) {
          buf.push(0x0A);
          cur.consumeBreak();
          cur.skipBlanks();
        }
        if (parentIndent >= 0 && cur.indentAt(cur.pos) <= parentIndent && cur.cur() != EOF) {
          cur.fail(open, "double-quoted scalar is never closed: expected '\"' before line " + (cur.lineIndex(cur.pos) + 1).toString() +
            ", which is not indented enough to continue it");
          return null;
        }
      } else if (!decodeEscape(cur)) {
        return null;
      }
      runStart = cur.pos;
      continue;
    }
    if (isBreak(c) || isBlank(c)) {
      let q = cur.pos;
      while (isBlank(cur.at(q))) q++;
      if (!isBreak(cur.at(q))) {
        cur.pos = q; // inner blanks are content
        continue;
      }
      cur.appendRange(runStart, cur.pos); // trailing blanks dropped
      rewritten = true;
      multi = true;
      cur.pos = q;
      cur.consumeBreak();
      let empties = 0;
      cur.skipBlanks();
      while (isBreak(cur.cur())) {
        empties++;
        cur.consumeBreak();
        cur.skipBlanks();
      }
      if (cur.isDocumentMarker(cur.pos)) {
        cur.fail(cur.pos, "document marker inside a quoted scalar: expected the closing quote first");
        return null;
      }
      if (parentIndent >= 0 && cur.indentAt(cur.pos) <= parentIndent && cur.cur() != EOF) {
        cur.fail(open, (double ? "double" : "single") + "-quoted scalar is never closed: expected " + (double ? "'\"'" : "\"'\"") +
          " before line " + (cur.lineIndex(cur.pos) + 1).toString() + ", which is not indented enough to continue it");
        return null;
      }
      if (empties == 0) buf.push(0x20);
      else buf.fill(0x0A, empties);
      runStart = cur.pos;
      continue;
    }
    cur.pos++;
  }
  cur.quotedMultiLine = multi;
  let end = cur.pos;
  cur.pos++; // closing quote
  if (!rewritten) return cur.text(runStart, end);
  cur.appendRange(runStart, end);
  return buf.toString();
}

// ---------------------------------------------------------------------------------------
// Block scalars

const CHOMP_CLIP = 0;
const CHOMP_STRIP = 1;
const CHOMP_KEEP = 2;

/** Scans a literal (`|`) or folded (`>`) block scalar at cur.pos (the indicator).
 *  `parentIndent` is the indentation of the enclosing block collection (-1 at the top).
 *  Content lines are those indented at least the content indentation, which is
 *  parentIndent + the explicit indicator (1-9), or else that of the first non-empty line
 *  (which must exceed parentIndent). Leaves pos at the end of the last content line.
 *  Returns null after an error. */
export function scanBlockScalar(cur: Cursor, parentIndent: i32): string | null {
  let literal = cur.cur() == 0x7C;
  let headerPos = cur.pos;
  cur.pos++;
  let chomp = CHOMP_CLIP;
  let chompSet = false;
  let explicit = 0;
  for (let i = 0; i < 2; i++) {
    let c = cur.cur();
    if ((c == 0x2D || c == 0x2B) && !chompSet) {
      chomp = c == 0x2D ? CHOMP_STRIP : CHOMP_KEEP;
      chompSet = true;
      cur.pos++;
    } else if (c == 0x30 && explicit == 0) {
      cur.fail(cur.pos, "block scalar indentation indicator must be 1-9, found '0'");
      return null;
    } else if (isDigit(c) && explicit == 0) {
      explicit = c - 0x30;
      cur.pos++;
    } else {
      break;
    }
  }
  let afterIndicators = cur.pos;
  cur.skipBlanks();
  if (cur.cur() == 0x23 && cur.pos > afterIndicators) cur.skipToLineEnd();
  let c0 = cur.cur();
  if (c0 != EOF && !isBreak(c0)) {
    cur.fail(cur.pos, "expected a chomping indicator ('-' or '+'), an indentation indicator (1-9), a comment or a line break after '" + (literal ? "|" : ">") + "', found " + cur.describe(cur.pos));
    return null;
  }
  let headerEnd = cur.pos;
  let base = parentIndent < 0 ? 0 : parentIndent;
  let indent = explicit > 0 ? base + explicit : -1;
  let buf = cur.buf;
  buf.clear();

  let p = headerEnd + cur.breakLen(headerEnd);
  let lastContentEnd = headerEnd;
  let haveText = false;
  let prevMoreIndented = false;
  let empties = 0; // empty lines (each ending in a break) since the last text line
  let lastTextHadBreak = false;
  let maxLeadingSpaces = 0;
  let maxLeadingPos = 0;
  if (headerEnd < cur.len) {
    while (p < cur.len) {
      let lineStart = p;
      let spaces = 0;
      while (cur.at(p) == 0x20) { p++; spaces++; }
      let c = cur.at(p);
      let blank = c == EOF || isBreak(c);
      if (indent < 0 && !blank) {
        // Auto-detection: the first non-empty line fixes the content indentation.
        if (spaces <= parentIndent || cur.isDocumentMarker(lineStart)) break;
        indent = spaces;
        if (maxLeadingSpaces > indent) {
          cur.fail(maxLeadingPos, "a leading empty line of the block scalar has more spaces (" + maxLeadingSpaces.toString() + ") than its first content line (" + indent.toString() + ")");
          return null;
        }
      }
      if (blank && (indent < 0 || spaces <= indent)) {
        if (indent < 0 && spaces > maxLeadingSpaces) {
          maxLeadingSpaces = spaces;
          maxLeadingPos = lineStart;
        }
        if (c == EOF) break;
        empties++;
        p += cur.breakLen(p);
        continue;
      }
      if (spaces < indent) break; // a less indented line ends the scalar
      if (spaces == 0 && cur.isDocumentMarker(lineStart)) break;
      // A text line: its content starts after `indent` spaces.
      let contentStart = lineStart + indent;
      let e = contentStart;
      while (true) {
        let ch = cur.at(e);
        if (ch == EOF || isBreak(ch)) break;
        e++;
      }
      let first = cur.at(contentStart);
      let moreIndented = first == 0x20 || first == 0x09;
      if (!haveText) {
        buf.fill(0x0A, empties);
      } else if (!literal && !prevMoreIndented && !moreIndented) {
        // Folding: a single break between two normal lines becomes a space; when empty
        // lines separate them, the first break is dropped and the rest kept.
        if (empties == 0) buf.push(0x20);
        else buf.fill(0x0A, empties);
      } else {
        buf.fill(0x0A, empties + 1);
      }
      cur.appendRange(contentStart, e);
      haveText = true;
      prevMoreIndented = moreIndented;
      empties = 0;
      lastContentEnd = e;
      lastTextHadBreak = isBreak(cur.at(e));
      p = e + cur.breakLen(e);
      if (!lastTextHadBreak) break;
    }
  }
  // Chomping decides what happens to the final break and the trailing empty lines. The
  // end of input counts as the final break: whether a file ends with a newline must not
  // change a value (what the YAML test suite's implementations agree on).
  if (chomp == CHOMP_KEEP) {
    buf.fill(0x0A, (haveText ? 1 : 0) + empties);
  } else if (chomp == CHOMP_CLIP) {
    if (haveText) buf.push(0x0A);
  }
  cur.pos = lastContentEnd;
  return buf.toString();
}
