import { EffectiveConfig, EffectiveEntry } from "../policy/resolve";
import { Action } from "../policy/match-config";
import { BodyParser as ParserId, parserFor } from "../policy/content-types";
import { Policy } from "../policy/index";
import { ContextKind } from "../pipeline/context-sink";
import { ScanParser } from "../parsers/parser";
import { newParser } from "../parsers/select";
import { MessageMatcher } from "../matching/message-matcher";
import { Part } from "../matching/candidate";
import { entryEmissions, PartMask, partMask } from "../matching/emissions";
import { Candidate } from "../matching/candidate";
import { HeaderPairs } from "../abi/header-pairs";
import { Inspection } from "./inspection";
import { Decoder } from "../codec/decoder";
import { ByteSink } from "../codec/sink";
import { planContentEncoding } from "../codec/chain";
import { CollectingSink } from "../codec/sink";
import { RedactSpan, redact } from "./redact";
import { BodyExtraction } from "./body-extraction";
import { logEnabled, Level } from "../abi/log";

const EMPTY_ENTRIES = new Array<EffectiveEntry>();
const EMPTY_PARTS = new Array<PartMask>();

/** One match, ready to be reported (spec §8.1). */
export class Finding {
  constructor(public entry: EffectiveEntry, public candidate: Candidate) {}
}

/**
 * One message (the request or the response) of a stream: its headers, then its body through
 * the parser its content type selects (spec §7.4), into one MessageMatcher. Observe mode: it
 * looks at bytes and never holds them.
 */
export class MessageInspection {
  matcher: MessageMatcher;
  /** The parser while it still takes bytes (null once the body ended, was truncated or is not scanned). */
  parser: ScanParser | null = null;
  /** The parser this message was read with, for its flags after the end. */
  private createdParser: ScanParser | null = null;
  parserId: i32 = <i32>ParserId.None;
  /** Entries that apply to this message and what they search (shared, read-only: MessageSelection). */
  entries: Array<EffectiveEntry> = EMPTY_ENTRIES;
  parts: Array<PartMask> = EMPTY_PARTS;
  bodyBytes: i64 = 0;
  scannedBytes: i64 = 0;
  truncated: bool = false;
  finished: bool = false;
  /** The body's content-encoding (gzip, deflate), undone before parsing (spec §7.5). */
  private decoder: Decoder | null = null;
  private decodedSink: DecodedBodySink | null = null;
  /** A content-encoding we cannot undo: the body is not scanned (spec §7.5 `unscanned_encoding`). */
  unscannedEncoding: string = "";
  /** The decoder gave up (corrupt or truncated stream): what it said. */
  encodingError: string = "";
  /** Matches in header values, decided at the headers callback so they can still be acted on. */
  headerFindings: Array<Finding> = [];
  /** Some entry blocks or redacts this message's body: it is held until scanned (spec §7.6). */
  enforceBody: bool = false;
  /** Some entry redacts this message's body. */
  redactsBody: bool = false;
  /** The body was longer than max_buffer_bytes: what followed went on unenforced (spec §7.6). */
  enforcementTruncated: bool = false;
  /** Decoded bytes kept while redacting a content-encoded body (it is sent back decoded, §7.8). */
  decodedCopy: CollectingSink | null = null;
  /** Byte frequencies of the scanned body, for exploit detection's entropy (§4.6); null when off. */
  byteCounts: StaticArray<u32> | null = null;
  /** Bytes >= 0x80 in the scanned body (§4.6 detect_non_ascii); -1 when off. */
  nonAscii: i64 = -1;
  /** Body extractors of the effective config (§4.5), when any and the body is parsed. */
  extraction: BodyExtraction | null = null;

  constructor(private inspection: Inspection, public isResponse: bool, private maxBodyBytes: i64, private brotliWindowBytes: i32) {
    this.matcher = inspection.acquire();
  }

  /**
   * Selects the entries that search this message, activates their plans, picks the body parser
   * from the content type, and scans each header value as a context of its own (§7.2).
   */
  begin(effective: EffectiveConfig, headers: HeaderPairs): void {
    const policy: Policy = this.inspection.policy;
    // paths are read by debug records and SBAC match filters only
    this.matcher.needPaths = policy.sbac.length > 0 || logEnabled(Level.Debug);
    const contentType = headers.find("content-type");
    this.parserId = effective.contentTypeOverride >= 0 ? effective.contentTypeOverride : <i32>parserFor(policy.contentTypes, contentType);
    const selection = this.inspection.selection(effective, this.isResponse, this.parserId);
    this.entries = selection.entries;
    this.parts = selection.parts;
    this.enforceBody = selection.enforceBody;
    this.redactsBody = selection.redactsBody;
    const anyHeaders = selection.anyHeaders;
    for (let i = 0; i < selection.plans.length; i++) {
      const plan = unchecked(selection.plans[i]);
      if (unchecked(selection.valuesKey[i])) this.matcher.activateValuesKey(plan); else this.matcher.activate(plan);
    }
    if (anyHeaders) {
      this.scanHeaders(headers);
      this.headerFindings = this.emissions(partMask(false, true));
    }
    if (this.entries.length > 0) this.parser = this.createParser(headers.find("grpc-encoding"));
    if (this.parser !== null) this.planDecoding(headers.find("content-encoding"));
    if (this.parser === null) { this.enforceBody = false; this.redactsBody = false; }
    const extractors = this.isResponse ? effective.responseExtractors : effective.requestExtractors;
    const created = this.createdParser;
    if (extractors !== null && created !== null && extractors.entries.length > 0) {
      const extraction = new BodyExtraction(extractors, created);
      this.extraction = extraction;
      this.matcher.valueObserver = extraction;
    }
    const ed = effective.exploitDetection;
    if (ed !== null && this.parser !== null) {
      if (ed.measureEntropy) this.byteCounts = new StaticArray<u32>(256);
      if (ed.detectNonAscii) this.nonAscii = 0;
    }
    if (this.redactsBody && this.decoder !== null) this.decodedCopy = new CollectingSink();
  }

  /** The findings of the selected parts for every entry (spec §3.6 steps 5–7). */
  private emissions(which: PartMask): Array<Finding> {
    const out = new Array<Finding>();
    const compiled = this.inspection.compiled;
    const candidates = this.matcher.candidates;
    for (let i = 0; i < this.entries.length; i++) {
      const e = this.entries[i];
      const plan = compiled.planIndex(e.config.category);
      // most entries find nothing in most messages: skip them before any work
      if (plan < 0 || candidates[plan].length == 0) continue; // correlates pair P's candidates too
      const allowed = this.parts[i];
      const mask = partMask(allowed.body && which.body, allowed.headers && which.headers);
      if (!mask.body && !mask.headers) continue;
      const found = entryEmissions(compiled, e.config, this.matcher.candidates, mask);
      for (let k = 0; k < found.length; k++) out.push(new Finding(e, found[k]));
    }
    return out;
  }

  /**
   * The body to send instead of the one held, with every redact finding masked; null when no
   * finding redacts. `raw` is the body as held (still content-encoded if it was); a decoded
   * body is redacted from the kept decoded copy and must then go out as identity.
   */
  redactedBody(findings: Array<Finding>, raw: Uint8Array): Uint8Array | null {
    const spans = new Array<RedactSpan>();
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      if (f.entry.config.action != Action.Redact || f.candidate.part != Part.Body) continue;
      spans.push(new RedactSpan(f.candidate.rawStart, f.candidate.rawEnd, f.entry.config.mask,
        this.parserId == <i32>ParserId.Json || this.parserId == <i32>ParserId.LlmApi ? f.candidate.contextRawStart : -1));
    }
    if (spans.length == 0) return null;
    const copy = this.decodedCopy;
    const source = copy !== null ? copy.data.subarray(0, copy.length) : raw;
    return redact(source.dataStart, source.length, spans, this.parserId == <i32>ParserId.Json || this.parserId == <i32>ParserId.LlmApi);
  }

  private planDecoding(contentEncoding: string): void {
    if (contentEncoding.length == 0) return;
    // max_body_bytes bounds the decoded bytes scanned, and with it what a decompression bomb can cost
    const plan = planContentEncoding(contentEncoding, this.maxBodyBytes > 0 ? this.maxBodyBytes : i64.MAX_VALUE, this.brotliWindowBytes);
    const unsupported = plan.unsupported;
    if (unsupported !== null) {
      this.unscannedEncoding = unsupported!;
      this.parser = null;
      return;
    }
    this.decoder = plan.decoder;
    if (this.decoder !== null) this.decodedSink = new DecodedBodySink(this);
  }

  private scanHeaders(headers: HeaderPairs): void {
    const m = this.matcher;
    headers.rewind();
    while (headers.next()) {
      if (headers.valueLen == 0) continue;
      m.setPart(Part.Header, headers.key());
      m.beginContext(ContextKind.Value, 0, 0);
      m.contextBytes(headers.valuePtr, headers.valueLen, 0, headers.valueLen);
      m.endContext(<i64>headers.valueLen);
    }
    headers.rewind();
    m.setPart(Part.Body);
  }

  /** The parser of the message's kind (§7.4); null for kinds that are not scanned in HTTP. */
  private createParser(grpcEncoding: string): ScanParser | null {
    const m = this.matcher;
    let p: ScanParser | null;
    if (this.parserId == <i32>ParserId.Json || this.parserId == <i32>ParserId.LlmApi) {
      // A JSON parser holds 17 KiB of buffers (path stack, key arena): it stays with the pooled
      // matcher it reports to and is reset for the next message instead of allocated per message.
      const kept = m.keptJsonParser;
      if (kept !== null) { p = changetype<ScanParser>(kept); p.reset(); }
      else { p = newParser(this.parserId, m, grpcEncoding); m.keptJsonParser = p; }
    } else {
      p = newParser(this.parserId, m, grpcEncoding);
    }
    if (p !== null) this.matcher.pathSource = p;
    this.createdParser = p;
    return p;
  }

  /** A body chunk as it crosses the proxy (still content-encoded). */
  body(ptr: usize, len: i32, endOfStream: bool): void {
    this.bodyBytes += len;
    const decoder = this.decoder;
    if (decoder === null) { this.scan(ptr, len, endOfStream); return; }
    if (this.parser === null || this.finished) return;
    decoder.feed(ptr, len, endOfStream, this.decodedSink!);
    const error = decoder.error;
    if (error !== null) {
      this.encodingError = error!;
      this.scan(0, 0, true); // what was decoded so far was scanned; stop here
      this.decoder = null;
      this.parser = null;
      return;
    }
    if (decoder.truncated) this.truncated = true;
    if (endOfStream) this.scan(0, 0, true);
  }

  /** Decoded body bytes. Only the first max_body_bytes are scanned (§7.6). */
  scan(ptr: usize, len: i32, endOfStream: bool): void {
    const parser = this.parser;
    if (parser === null || this.finished) return;
    const copy = this.decodedCopy;
    if (copy !== null && len > 0) copy.write(ptr, len);
    if (this.byteCounts !== null || this.nonAscii >= 0) this.measure(ptr, len);
    let take = len;
    if (this.maxBodyBytes > 0 && this.scannedBytes + <i64>take > this.maxBodyBytes) {
      take = <i32>max<i64>(0, this.maxBodyBytes - this.scannedBytes);
      this.truncated = true;
    }
    this.scannedBytes += take;
    const last = endOfStream || this.truncated;
    parser.feed(ptr, take, last);
    // after its last chunk the parser is done; after truncation the rest passes unscanned
    if (last) this.parser = null;
  }

  /** Byte statistics for exploit detection: one extra pass over the decoded bytes, only when asked for. */
  private measure(ptr: usize, len: i32): void {
    const limit = this.maxBodyBytes > 0 ? this.maxBodyBytes : i64.MAX_VALUE;
    const n = <i32>min<i64>(<i64>len, limit - this.scannedBytes);
    const counts = this.byteCounts;
    let high: i64 = 0;
    for (let i = 0; i < n; i++) {
      const b = <i32>load<u8>(ptr + <usize>i);
      if (counts !== null) unchecked(counts[b]++);
      high += b >> 7;
    }
    if (this.nonAscii >= 0) this.nonAscii += high;
  }

  /** Shannon entropy of the scanned body in bits per byte (§4.6), or -1 when not measured. */
  entropy(): f64 {
    const counts = this.byteCounts;
    if (counts === null) return -1;
    let total: f64 = 0;
    for (let i = 0; i < 256; i++) total += <f64>unchecked(counts[i]);
    if (total == 0) return 0;
    let h: f64 = 0;
    for (let i = 0; i < 256; i++) {
      const c = <f64>unchecked(counts[i]);
      if (c > 0) { const p = c / total; h -= p * Math.log2(p); }
    }
    return h;
  }

  /** Body findings from what was scanned so far, without ending the message. */
  findingsSoFar(): Array<Finding> {
    this.matcher.catchUp();
    return this.emissions(partMask(true, false));
  }

  /** Ends the message and returns its body findings (header findings came at begin). */
  finish(): Array<Finding> {
    if (this.finished) return [];
    this.finished = true;
    const parser = this.parser;
    if (parser !== null) { parser.feed(0, 0, true); this.parser = null; }
    return this.emissions(partMask(true, false));
  }

  get malformed(): bool {
    const p = this.createdParser;
    return p !== null && p.malformed;
  }

  close(): void {
    this.inspection.release(this.matcher);
  }
}

/** Hands what the content decoder produces to the parser. */
class DecodedBodySink extends ByteSink {
  constructor(private message: MessageInspection) { super(); }
  write(ptr: usize, len: i32): void { this.message.scan(ptr, len, false); }
}
