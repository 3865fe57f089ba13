// The parse state shared by the scalar scanners and the structure parser: the input bytes,
// the read position, a line index for turning byte offsets into line:column, and the
// diagnostics. There is no exception handling in AssemblyScript, so an error sets `failed`
// and every scanning loop checks it; the first error is the one reported.

import { EOF, LF, CR, isBreak, isBlank } from "./chars";
import { ByteBuffer, decodeUtf8 } from "./bytes";
import { YamlDiagnostic } from "./diagnostics";
import { YamlNode, YamlKind } from "./node";

export class Cursor {
  /** Kept so the GC does not free the bytes `base` points into. */
  private input: Uint8Array;
  base: usize;
  len: i32;
  pos: i32 = 0;
  failed: bool = false;
  /** Set by scanPlainLine: the scan stopped at a `:` value indicator. */
  plainStoppedAtColon: bool = false;
  /** Set by scanQuoted: the scalar spanned more than one line. */
  quotedMultiLine: bool = false;
  errors: Array<YamlDiagnostic> = [];
  warnings: Array<YamlDiagnostic> = [];
  /** Scratch buffer for scalars that need rewriting; reused for every scalar. */
  buf: ByteBuffer = new ByteBuffer(256);
  /** Byte offset of the start of each line (line i+1 starts at lineStarts[i]). One i32
   *  per line: memory in proportion to the document. A line ends at LF, CRLF or a lone CR. */
  private lineStarts: Array<i32> = [0];
  // Cache for column computation: positions are mostly asked for in increasing order, so
  // counting code points from the last answer keeps long single-line (JSON) documents linear.
  private cacheLine: i32 = -1;
  private hintLine: i32 = 0;
  private cachePos: i32 = 0;
  private cacheCol: i32 = 0;

  constructor(input: Uint8Array) {
    this.input = input;
    this.base = input.dataStart;
    this.len = input.length;
  }

  /** Builds the line index and rejects control characters, which YAML does not allow
   *  anywhere in a stream (they can only appear escaped inside double quotes). */
  scanLines(): void {
    let base = this.base;
    let n = this.len;
    let starts = this.lineStarts;
    for (let i = 0; i < n; i++) {
      let c = <i32>load<u8>(base + <usize>i);
      if (c >= 0x20 && c != 0x7F) continue;
      if (c == LF) {
        starts.push(i + 1);
      } else if (c == CR) {
        if (i + 1 < n && <i32>load<u8>(base + <usize>(i + 1)) == LF) i++;
        starts.push(i + 1);
      } else if (c != 0x09) {
        this.fail(i, "control character 0x" + hex2(c) + " is not allowed in YAML (write it as an escape in a double-quoted scalar)");
        return;
      }
    }
  }

  @inline at(p: i32): i32 {
    return p >= 0 && p < this.len ? <i32>load<u8>(this.base + <usize>p) : EOF;
  }

  @inline cur(): i32 {
    return this.at(this.pos);
  }

  @inline peek(k: i32): i32 {
    return this.at(this.pos + k);
  }

  @inline atEnd(): bool {
    return this.pos >= this.len;
  }

  /** Length of the line break at `p` (2 for CRLF), 0 if none. */
  breakLen(p: i32): i32 {
    let c = this.at(p);
    if (c == LF) return 1;
    if (c == CR) return this.at(p + 1) == LF ? 2 : 1;
    return 0;
  }

  /** Moves past the line break at pos (if any). */
  @inline consumeBreak(): void {
    this.pos += this.breakLen(this.pos);
  }

  /** Moves pos over spaces and tabs on the current line. */
  skipBlanks(): void {
    while (isBlank(this.cur())) this.pos++;
  }

  /** Moves pos to the line break (or end) that ends the current line. */
  skipToLineEnd(): void {
    let c = this.cur();
    while (c != EOF && !isBreak(c)) {
      this.pos++;
      c = this.cur();
    }
  }

  /** A `#` starts a comment only at the start of a line or after whitespace
   *  (`a#b` is the plain scalar "a#b"). */
  isCommentStart(p: i32): bool {
    if (this.at(p) != 0x23) return false;
    if (p == 0) return true;
    let prev = this.at(p - 1);
    return isBlank(prev) || isBreak(prev);
  }

  /** Skips blanks and a trailing comment on the current line; true if the line then ends. */
  skipRestOfLine(): bool {
    this.skipBlanks();
    if (this.isCommentStart(this.pos)) this.skipToLineEnd();
    let c = this.cur();
    return c == EOF || isBreak(c);
  }

  /** Skips whitespace, comments and line breaks. Returns true if a line break was crossed. */
  skipSpace(): bool {
    let crossed = false;
    while (true) {
      let c = this.cur();
      if (isBlank(c)) {
        this.pos++;
      } else if (isBreak(c)) {
        this.consumeBreak();
        crossed = true;
      } else if (this.isCommentStart(this.pos)) {
        this.skipToLineEnd();
      } else {
        break;
      }
    }
    return crossed;
  }

  /** Index (0-based) of the line containing byte offset p. */
  lineIndex(p: i32): i32 {
    let starts = this.lineStarts;
    // Positions are asked for mostly in increasing order: try the last answer and the
    // line after it before searching.
    let hint = this.hintLine;
    let count = starts.length;
    if (hint < count && unchecked(starts[hint]) <= p) {
      if (hint + 1 >= count || p < unchecked(starts[hint + 1])) return hint;
      if (hint + 2 >= count || p < unchecked(starts[hint + 2])) {
        this.hintLine = hint + 1;
        return hint + 1;
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      let mid = (lo + hi + 1) >> 1;
      if (unchecked(starts[mid]) <= p) lo = mid;
      else hi = mid - 1;
    }
    this.hintLine = lo;
    return lo;
  }

  lineStartOf(p: i32): i32 {
    return unchecked(this.lineStarts[this.lineIndex(p)]);
  }

  /** Byte distance from the start of the line: the indentation when only spaces precede. */
  @inline indentAt(p: i32): i32 {
    return p - this.lineStartOf(p);
  }

  /** 1-based column of byte offset p, in code points. */
  columnOf(line: i32, p: i32): i32 {
    let from: i32;
    let col: i32;
    let lineStart = unchecked(this.lineStarts[line]);
    if (line == this.cacheLine && p >= this.cachePos) {
      from = this.cachePos;
      col = this.cacheCol;
    } else if (line == this.cacheLine && this.cachePos - p < p - lineStart && this.cachePos <= this.len) {
      // A little behind the last answer (a tag before the collection just parsed):
      // count back rather than from the start of a possibly very long line.
      col = this.cacheCol;
      for (let i = p; i < this.cachePos; i++) {
        if ((<i32>load<u8>(this.base + <usize>i) & 0xC0) != 0x80) col--;
      }
      return col;
    } else {
      from = lineStart;
      col = 1;
    }
    let end = p < this.len ? p : this.len;
    for (let i = from; i < end; i++) {
      if ((<i32>load<u8>(this.base + <usize>i) & 0xC0) != 0x80) col++;
    }
    if (p > end) col += p - end;
    this.cacheLine = line;
    this.cachePos = p;
    this.cacheCol = col;
    return col;
  }

  diagnosticAt(p: i32, message: string): YamlDiagnostic {
    let line = this.lineIndex(p);
    return new YamlDiagnostic(line + 1, this.columnOf(line, p), message);
  }

  /** A new node positioned at byte offset p. */
  nodeAt(kind: YamlKind, p: i32): YamlNode {
    let line = this.lineIndex(p);
    return new YamlNode(kind, line + 1, this.columnOf(line, p));
  }

  /** True at a document marker: `---` or `...` at the start of a line, followed by
   *  whitespace or the end. Such a line ends any scalar or collection in progress. */
  isDocumentMarker(p: i32): bool {
    let c = this.at(p);
    if (c != 0x2D && c != 0x2E) return false;
    if (p != 0 && !isBreak(this.at(p - 1))) return false;
    if (this.at(p + 1) != c || this.at(p + 2) != c) return false;
    let n = this.at(p + 3);
    return n == EOF || n == 0x20 || n == 0x09 || isBreak(n);
  }

  fail(p: i32, message: string): void {
    if (this.failed) return;
    this.failed = true;
    this.errors.push(this.diagnosticAt(p, message));
  }

  warn(p: i32, message: string): void {
    this.warnings.push(this.diagnosticAt(p, message));
  }

  /** Decodes input bytes [start, end) to a string (invalid UTF-8 becomes U+FFFD). */
  text(start: i32, end: i32): string {
    if (end <= start) return "";
    return decodeUtf8(this.base + <usize>start, end - start);
  }

  /** Appends input bytes [start, end) to the scratch buffer. */
  @inline appendRange(start: i32, end: i32): void {
    this.buf.appendRaw(this.base + <usize>start, end - start);
  }

  /** Names the character at p for messages: 'x', "end of line", "end of input", "a tab". */
  describe(p: i32): string {
    let c = this.at(p);
    if (c == EOF) return "end of input";
    if (isBreak(c)) return "end of line";
    if (c == 0x09) return "a tab";
    if (c == 0x20) return "a space";
    let n = 1;
    if (c >= 0xF0) n = 4;
    else if (c >= 0xE0) n = 3;
    else if (c >= 0xC0) n = 2;
    if (p + n > this.len) n = this.len - p;
    return "'" + this.text(p, p + n) + "'";
  }

  /** A quoted excerpt of [start, end) for messages, shortened to 40 bytes. */
  excerpt(start: i32, end: i32): string {
    if (end - start > 40) return "'" + this.text(start, start + 37) + "...'";
    return "'" + this.text(start, end) + "'";
  }
}

function hex2(c: i32): string {
  const digits = "0123456789ABCDEF";
  return digits.charAt((c >> 4) & 15) + digits.charAt(c & 15);
}
