// internal `sql` (spec §3.3): SQL statements in text. The automaton finds SQL_START_PATTERN
// (a statement keyword on a word boundary); this recognizer reads forward from there and
// accepts only the statement shapes the spec lists, so prose such as "select one" or
// "SELECT 1" never counts. A statement ends before the first `;`, or at the end of what is
// available, at most MAX_SQL_BYTES after the keyword.
//
// Cost: one forward pass over at most MAX_SQL_BYTES per candidate, no allocation.

export const SQL_START_PATTERN = "(?i)\\b(?:select|insert|update|delete|drop|truncate|alter|create|grant)\\b";
export const MAX_SQL_BYTES = 4096;

/** A cursor over one candidate's bytes; words compare ASCII case-insensitively in place. */
class SqlReader {
  ptr: usize = 0;
  end: i32 = 0;
  at: i32 = 0;

  reset(ptr: usize, len: i32): void { this.ptr = ptr; this.end = len; this.at = 0; }

  @inline peek(): i32 { return this.at < this.end ? <i32>load<u8>(this.ptr + <usize>this.at) : -1; }

  skipSpace(): void {
    while (this.at < this.end) {
      const c = this.peek();
      if (c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d) this.at++;
      else break;
    }
  }

  /** Consumes `word` (lowercase ASCII) if it stands next, as a whole word. */
  word(word: string): bool {
    this.skipSpace();
    const n = word.length;
    if (this.at + n > this.end) return false;
    for (let i = 0; i < n; i++) {
      let c = <i32>load<u8>(this.ptr + <usize>(this.at + i));
      if (c >= 65 && c <= 90) c += 32;
      if (c != word.charCodeAt(i)) return false;
    }
    if (this.at + n < this.end && isIdentByte(<i32>load<u8>(this.ptr + <usize>(this.at + n)))) return false;
    this.at += n;
    return true;
  }

  punct(c: i32): bool {
    this.skipSpace();
    if (this.peek() != c) return false;
    this.at++;
    return true;
  }

  /** An identifier: a word, or a quoted name (`x`, "x", [x]), optionally dotted (schema.table). */
  ident(): bool {
    this.skipSpace();
    if (!this.identPart()) return false;
    while (this.peek() == 0x2e) { // '.'
      this.at++;
      if (!this.identPart()) return false;
    }
    return true;
  }

  private identPart(): bool {
    const c = this.peek();
    if (c == 0x60 || c == 0x22 || c == 0x5b) { // ` " [
      const close = c == 0x5b ? 0x5d : c;
      let i = this.at + 1;
      while (i < this.end && <i32>load<u8>(this.ptr + <usize>i) != close) i++;
      if (i >= this.end || i == this.at + 1) return false;
      this.at = i + 1;
      return true;
    }
    if (!isIdentStart(c)) return false;
    this.at++;
    while (this.at < this.end && isIdentByte(this.peek())) this.at++;
    return true;
  }

  /** Skips a balanced (...) group. */
  parens(): bool {
    if (!this.punct(0x28)) return false;
    let depth = 1;
    while (this.at < this.end && depth > 0) {
      const c = this.peek();
      if (c == 0x28) depth++;
      else if (c == 0x29) depth--;
      this.at++;
    }
    return depth == 0;
  }

  /** Whether any of the words occurs, as a word, from here to the end. */
  containsWord(words: StaticArray<string>): bool {
    const save = this.at;
    for (let i = this.at; i < this.end; i++) {
      if (i > 0 && isIdentByte(<i32>load<u8>(this.ptr + <usize>(i - 1)))) continue;
      this.at = i;
      for (let w = 0; w < words.length; w++) {
        if (this.word(unchecked(words[w]))) { this.at = save; return true; }
        this.at = i;
      }
    }
    this.at = save;
    return false;
  }
}

const SELECT_QUALIFIERS: StaticArray<string> = ["where", "join", "union", "group", "order", "having", "limit"];
const OBJECT_KINDS: StaticArray<string> = ["table", "database", "schema", "view", "index"];
const CREATE_KINDS: StaticArray<string> = ["table", "database", "view", "index", "user"];
const ALTER_ACTIONS: StaticArray<string> = ["add", "drop", "modify", "alter", "rename"];
const VALUES_OR_SELECT: StaticArray<string> = ["values", "select"];
const ON: StaticArray<string> = ["on"];
const TO: StaticArray<string> = ["to"];

const reader = new SqlReader();

/**
 * Length of the SQL statement starting at `ptr` (which must be at the keyword), or -1 when
 * the text there is not one of the accepted statements. `len` is what is available; the
 * statement is cut at the first `;` and at MAX_SQL_BYTES.
 */
export function sqlStatementLength(ptr: usize, len: i32): i32 {
  let end = min(len, MAX_SQL_BYTES);
  for (let i = 0; i < end; i++) if (load<u8>(ptr + <usize>i) == 0x3b) { end = i; break; }
  const r = reader;
  r.reset(ptr, end);
  if (!accepts(r)) return -1;
  // trailing white space is not part of the statement
  while (end > 0) {
    const c = load<u8>(ptr + <usize>(end - 1));
    if (c == 0x20 || c == 0x09 || c == 0x0a || c == 0x0d) end--; else break;
  }
  return end;
}

function accepts(r: SqlReader): bool {
  if (r.word("select")) return selectStatement(r);
  if (r.word("insert")) return r.word("into") && r.ident() && r.containsWord(VALUES_OR_SELECT);
  if (r.word("update")) return r.ident() && r.word("set") && r.ident() && r.punct(0x3d);
  if (r.word("delete")) return r.word("from") && r.ident();
  if (r.word("drop") || r.word("truncate")) return anyWord(r, OBJECT_KINDS) && r.ident();
  if (r.word("alter")) return r.word("table") && r.ident() && anyWord(r, ALTER_ACTIONS);
  if (r.word("create")) return anyWord(r, CREATE_KINDS) && r.ident();
  if (r.word("grant")) return r.containsWord(ON) && r.containsWord(TO) && onBeforeTo(r);
  return false;
}

function selectStatement(r: SqlReader): bool {
  if (!r.word("distinct")) r.word("all");
  let items = 0;
  let star = false;
  do {
    r.skipSpace();
    if (r.punct(0x2a)) { star = true; items++; continue; } // *
    if (!r.ident()) return false;
    if (r.peek() == 0x2e) { r.at++; if (!r.punct(0x2a)) return false; } // t.*
    r.skipSpace();
    if (r.peek() == 0x28 && !r.parens()) return false; // call(...)
    const save = r.at;
    if (r.word("as")) { if (!r.ident()) return false; }
    else if (r.word("from")) r.at = save; // the list ended
    else if (!r.ident()) r.at = save; // an optional bare alias
    items++;
  } while (r.punct(0x2c));
  if (!r.word("from") || !r.ident()) return false;
  return star || items >= 2 || r.containsWord(SELECT_QUALIFIERS);
}

function anyWord(r: SqlReader, words: StaticArray<string>): bool {
  for (let i = 0; i < words.length; i++) if (r.word(unchecked(words[i]))) return true;
  return false;
}

/** GRANT … ON … TO: ON must come before TO. */
function onBeforeTo(r: SqlReader): bool {
  for (let i = r.at; i < r.end; i++) {
    r.at = i;
    if ((i == 0 || !isIdentByte(<i32>load<u8>(r.ptr + <usize>(i - 1)))) && r.word("on")) return r.containsWord(TO);
  }
  return false;
}

@inline function isIdentStart(c: i32): bool { return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c == 95; }
@inline function isIdentByte(c: i32): bool { return isIdentStart(c) || (c >= 48 && c <= 57) || c == 36; }
