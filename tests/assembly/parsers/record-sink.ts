// A ContextSink for tests: records every context (kind, blob_idx, path at its end, raw span,
// decoded bytes, runs) and checks the seam's protocol (begin → runs → end, runs inside the
// span, in order). Runs are normalized: adjacent plain runs (decoded == raw) are merged, so
// the record does not depend on where chunks were cut.
import { ContextKind, ContextSink, BodyParser } from "../../../assembly/pipeline/context-sink";

export class RunRecord {
  constructor(public rawOffset: i64, public rawLen: i32, public len: i32) {}
}

export class ContextRecord {
  bytes: Array<u8> = [];
  runs: Array<RunRecord> = [];
  path: string = "";
  rawEnd: i64 = -1;
  constructor(public kind: ContextKind, public blobIdx: i32, public rawOffset: i64) {}

  /** `K0 users[2].email @10..25 "text"`: kind, blob, path, raw span, decoded bytes (non-printable as \xNN). */
  describe(): string {
    return (this.kind == ContextKind.Key ? "K" : "V") + this.blobIdx.toString() + " " + this.path + " @" +
      this.rawOffset.toString() + ".." + this.rawEnd.toString() + " " + quoteBytes(this.bytes);
  }

  /** Runs as `off+raw:len` list, e.g. `5+3:3 8+6:2`. */
  describeRuns(): string {
    let s = "";
    for (let i = 0; i < this.runs.length; i++) {
      const r = this.runs[i];
      if (i > 0) s += " ";
      s += r.rawOffset.toString() + "+" + r.rawLen.toString() + ":" + r.len.toString();
    }
    return s;
  }
}

export function quoteBytes(b: Array<u8>): string {
  let s = "\"";
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c >= 0x20 && c < 0x7f && c != 0x22 && c != 0x5c) s += String.fromCharCode(c);
    else s += "\\x" + (c < 16 ? "0" : "") + c.toString(16);
  }
  return s + "\"";
}

export class RecordSink extends ContextSink {
  records: Array<ContextRecord> = [];
  /** Protocol violations seen (empty when the parser behaved). */
  errors: Array<string> = [];
  parser: BodyParser | null = null;
  private current: ContextRecord | null = null;
  private lastEnd: i64 = 0;

  beginContext(kind: ContextKind, blobIdx: i32, rawOffset: i64): void {
    if (this.current !== null) this.errors.push("begin inside an open context at " + rawOffset.toString());
    if (rawOffset < this.lastEnd) this.errors.push("context at " + rawOffset.toString() + " starts before the previous end " + this.lastEnd.toString());
    this.current = new ContextRecord(kind, blobIdx, rawOffset);
  }

  contextBytes(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void {
    const c = this.current;
    if (c === null) { this.errors.push("bytes outside a context at " + rawOffset.toString()); return; }
    const runs = c.runs;
    const at = runs.length > 0 ? runs[runs.length - 1].rawOffset + <i64>runs[runs.length - 1].rawLen : c.rawOffset;
    if (rawOffset < at) this.errors.push("run at " + rawOffset.toString() + " before " + at.toString());
    if (len < 0 || rawLen < 0) this.errors.push("negative run length at " + rawOffset.toString());
    for (let i = 0; i < len; i++) c.bytes.push(load<u8>(ptr + <usize>i));
    if (runs.length > 0 && len == rawLen) {
      const last = runs[runs.length - 1];
      if (last.len == last.rawLen && last.rawOffset + <i64>last.rawLen == rawOffset) {
        last.rawLen += rawLen; last.len += len;
        return;
      }
    }
    if (len == 0 && rawLen == 0) return;
    runs.push(new RunRecord(rawOffset, rawLen, len));
  }

  endContext(rawEnd: i64): void {
    const c = this.current;
    if (c === null) { this.errors.push("end outside a context at " + rawEnd.toString()); return; }
    const runs = c.runs;
    const at = runs.length > 0 ? runs[runs.length - 1].rawOffset + <i64>runs[runs.length - 1].rawLen : c.rawOffset;
    if (rawEnd < at) this.errors.push("end " + rawEnd.toString() + " before the last run ends at " + at.toString());
    c.rawEnd = rawEnd;
    if (this.parser !== null) c.path = this.parser!.path();
    this.records.push(c);
    this.current = null;
    this.lastEnd = rawEnd;
  }

  get isOpen(): bool { return this.current !== null; }

  /** One describe() line per context. */
  lines(): string {
    let s = "";
    for (let i = 0; i < this.records.length; i++) { if (i > 0) s += "\n"; s += this.records[i].describe(); }
    return s;
  }

  /** Everything, runs included: the form split-invariance is checked on. */
  full(): string {
    let s = "";
    for (let i = 0; i < this.records.length; i++) s += this.records[i].describe() + " [" + this.records[i].describeRuns() + "]\n";
    return s;
  }

  clear(): void { this.records = []; this.errors = []; this.current = null; this.lastEnd = 0; }
}
