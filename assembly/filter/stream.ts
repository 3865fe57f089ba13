import {
  Context, RootContext,
  FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues,
} from "../abi/runtime";
import { HostBytes } from "../abi/host-bytes";
import { readBuffer, writeBuffer } from "../abi/buffers";
import { BufferType, HeaderMapType } from "../abi/enums";
import { readHeader, readHeaderPairs, removeHeader, parseStatus } from "../abi/headers";
import { HeaderPairs } from "../abi/header-pairs";
import { sendLocalResponse, resetStream, replaceHeader } from "../abi/actions";
import { FilterMetrics } from "./metrics";
import { StreamInspection } from "../inspect/stream-inspection";
import { Verdict } from "../inspect/verdict";

/** Headers naming what caused a block (spec §7.8, §6.4). */
const BLOCKED_HEADER = "x-ls-blocked-category";
const SBAC_HEADER = "x-sbac-rule";

/**
 * One HTTP exchange. Observe mode (every entry alerts): every callback returns Continue, so
 * Envoy forwards each header block and chunk at once and never buffers on our behalf, and the
 * filter scans bytes in place — one host allocation per chunk, none per byte, no String.
 *
 * Enforcement mode (an entry blocks or redacts a message's body, spec §7.6): the body callbacks
 * return StopIterationAndBuffer, so Envoy holds the body and each callback sees all of it so
 * far (Envoy >= 1.32); only the new bytes are scanned. At the end (or at max_buffer_bytes) the
 * message is blocked (a local 403, or a reset once its headers are gone) or its body replaced.
 * Headers are held too only with `hold_headers` (Envoy >= 1.35 with
 * allow_on_headers_stop_iteration): otherwise a StopIteration from the headers callback would
 * stop the body callbacks and stall the stream.
 */
export class LeakscopeStream extends Context {
  private chunk: HostBytes = new HostBytes();
  private header: HostBytes = new HostBytes();
  private pairs: HeaderPairs = new HeaderPairs();
  private status: i32 = -1;
  private closed: bool = false;
  // enforcement state per direction: the body is held, and how much of it was scanned
  private holdRequest: bool = false;
  private holdResponse: bool = false;
  private requestScanned: u32 = 0;
  private responseScanned: u32 = 0;
  /** Response headers are still held by us (a block can still be a 403). */
  private responseHeadersHeld: bool = false;

  constructor(id: u32, root: RootContext, private metrics: FilterMetrics, private inspection: StreamInspection | null,
    private holdHeaders: bool, private maxBufferBytes: i64) {
    super(id, root);
    metrics.streamOpened();
  }

  onRequestHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    const inspection = this.inspection;
    if (inspection === null || !this.loadPairs(HeaderMapType.RequestHeaders)) return FilterHeadersStatusValues.Continue;
    const verdict = inspection.requestHeaders(this.pairs, endOfStream);
    this.pairs.release();
    if (verdict.blocks) {
      block(verdict);
      return FilterHeadersStatusValues.StopIteration;
    }
    this.applyHeaderEdits(HeaderMapType.RequestHeaders, verdict);
    this.holdRequest = verdict.holdBody;
    return verdict.holdBody && this.holdHeaders ? FilterHeadersStatusValues.StopIteration : FilterHeadersStatusValues.Continue;
  }

  onRequestBody(bodySize: usize, endOfStream: bool): FilterDataStatusValues {
    if (this.holdRequest) return this.enforcedBody(false, <u32>bodySize, endOfStream);
    const seen = this.readChunk(BufferType.HttpRequestBody, 0, bodySize);
    this.metrics.requestBody(seen);
    const inspection = this.inspection;
    if (inspection !== null) inspection.requestBody(this.chunk.ptr, this.chunk.length, endOfStream);
    this.chunk.release();
    return FilterDataStatusValues.Continue;
  }

  onRequestTrailers(count: u32): FilterTrailersStatusValues {
    // Trailers end the body: an enforced body that never saw end of stream is decided now.
    if (this.holdRequest && this.enforceHeld(false, this.requestScanned, true)) return FilterTrailersStatusValues.StopIteration;
    const inspection = this.inspection;
    if (inspection !== null) inspection.requestEnd();
    return FilterTrailersStatusValues.Continue;
  }

  onResponseHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    const inspection = this.inspection;
    if (inspection === null || !this.loadPairs(HeaderMapType.ResponseHeaders)) {
      if (readHeader(HeaderMapType.ResponseHeaders, ":status", this.header)) {
        this.status = parseStatus(this.header);
        this.header.release();
      }
      return FilterHeadersStatusValues.Continue;
    }
    this.status = statusOf(this.pairs);
    const verdict = inspection.responseHeaders(this.pairs, endOfStream);
    this.pairs.release();
    if (verdict.blocks) {
      // still inside the response headers callback: the reply replaces the response
      block(verdict);
      return FilterHeadersStatusValues.StopIteration;
    }
    this.applyHeaderEdits(HeaderMapType.ResponseHeaders, verdict);
    this.holdResponse = verdict.holdBody;
    this.responseHeadersHeld = verdict.holdBody && this.holdHeaders;
    return this.responseHeadersHeld ? FilterHeadersStatusValues.StopIteration : FilterHeadersStatusValues.Continue;
  }

  onResponseBody(bodySize: usize, endOfStream: bool): FilterDataStatusValues {
    if (this.holdResponse) return this.enforcedBody(true, <u32>bodySize, endOfStream);
    const seen = this.readChunk(BufferType.HttpResponseBody, 0, bodySize);
    this.metrics.responseBody(seen);
    const inspection = this.inspection;
    if (inspection !== null) inspection.responseBody(this.chunk.ptr, this.chunk.length, endOfStream);
    this.chunk.release();
    return FilterDataStatusValues.Continue;
  }

  onResponseTrailers(count: u32): FilterTrailersStatusValues {
    if (this.holdResponse && this.enforceHeld(true, this.responseScanned, true)) return FilterTrailersStatusValues.StopIteration;
    const inspection = this.inspection;
    if (inspection !== null) inspection.responseEnd();
    return FilterTrailersStatusValues.Continue;
  }

  onLog(): void {
    const inspection = this.inspection;
    if (inspection !== null) {
      if (this.status >= 100) inspection.status = this.status.toString();
      inspection.close();
    }
    this.metrics.transaction(this.status);
  }

  onDelete(): void {
    this.close();
  }

  /**
   * A body callback while the body is held: the host's buffer holds the whole body so far, so
   * only [scanned, bodySize) is new. Keep holding until the end or max_buffer_bytes.
   */
  private enforcedBody(isResponse: bool, bodySize: u32, endOfStream: bool): FilterDataStatusValues {
    const type = isResponse ? BufferType.HttpResponseBody : BufferType.HttpRequestBody;
    const scanned = isResponse ? this.responseScanned : this.requestScanned;
    if (bodySize > scanned) {
      const seen = this.readChunk(type, scanned, bodySize - scanned);
      if (isResponse) this.metrics.responseBody(seen); else this.metrics.requestBody(seen);
      const inspection = this.inspection!;
      if (isResponse) inspection.responseBody(this.chunk.ptr, this.chunk.length, endOfStream, false);
      else inspection.requestBody(this.chunk.ptr, this.chunk.length, endOfStream, false);
      this.chunk.release();
      if (isResponse) this.responseScanned = bodySize; else this.requestScanned = bodySize;
    } else if (endOfStream) {
      const inspection = this.inspection!;
      if (isResponse) inspection.responseBody(0, 0, true, false); else inspection.requestBody(0, 0, true, false);
    }
    if (!endOfStream && <i64>bodySize < this.maxBufferBytes) return FilterDataStatusValues.StopIterationAndBuffer;
    if (this.enforceHeld(isResponse, bodySize, endOfStream)) return FilterDataStatusValues.StopIterationNoBuffer;
    return FilterDataStatusValues.Continue;
  }

  /**
   * Decides the held body: block (true: the stream is answered or reset) or replace it and let
   * it go. Past max_buffer_bytes (not at the end) the rest streams on unenforced.
   */
  private enforceHeld(isResponse: bool, bodySize: u32, endOfStream: bool): bool {
    if (isResponse) this.holdResponse = false; else this.holdRequest = false;
    const type = isResponse ? BufferType.HttpResponseBody : BufferType.HttpRequestBody;
    readBuffer(type, 0, bodySize, this.chunk);
    const held = new Uint8Array(this.chunk.length);
    if (this.chunk.length > 0) memory.copy(held.dataStart, this.chunk.ptr, <usize>this.chunk.length);
    this.chunk.release();
    const verdict = this.inspection!.enforce(isResponse, held, endOfStream);
    if (verdict.blocks) {
      // request: nothing of the body went upstream; response: a 403 while its headers are held, else a reset
      if (!isResponse || this.responseHeadersHeld) block(verdict);
      else resetStream(true);
      return true;
    }
    const body = verdict.body;
    if (body !== null) writeBuffer(type, 0, bodySize, body.dataStart, <usize>body.length);
    if (isResponse) this.responseHeadersHeld = false;
    return false;
  }

  private applyHeaderEdits(map: HeaderMapType, verdict: Verdict): void {
    for (let i = 0; i < verdict.headerNames.length; i++) replaceHeader(map, verdict.headerNames[i], verdict.headerValues[i]);
    if (verdict.dropContentLength) removeHeader(map, "content-length");
    if (verdict.dropContentEncoding) removeHeader(map, "content-encoding");
  }

  private loadPairs(map: HeaderMapType): bool {
    const raw = this.header;
    if (!readHeaderPairs(map, raw)) return false;
    this.pairs.load(raw);
    return true;
  }

  /** Reads [start, start+length) of the body the host holds for this callback into `chunk`. */
  private readChunk(type: BufferType, start: usize, length: usize): i64 {
    if (length == 0) return 0;
    readBuffer(type, <u32>start, <u32>length, this.chunk);
    return <i64>this.chunk.length;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    const inspection = this.inspection;
    if (inspection !== null) inspection.close();
    this.chunk.release();
    this.header.release();
    this.pairs.release();
    this.metrics.streamClosed();
  }
}

/** A local 403 with an empty body naming the SBAC rule or the category (spec §6.4, §7.8). */
function block(verdict: Verdict): void {
  if (verdict.blockRule.length > 0) sendLocalResponse(403, "leakscope_sbac", "", [SBAC_HEADER], [verdict.blockRule]);
  else sendLocalResponse(403, "leakscope_blocked", "", [BLOCKED_HEADER], [verdict.blockCategory]);
}

function statusOf(pairs: HeaderPairs): i32 {
  pairs.rewind();
  while (pairs.next()) {
    if (!pairs.keyIs(":status") || pairs.valueLen != 3) continue;
    let code = 0;
    for (let i = 0; i < 3; i++) {
      const d = <i32>load<u8>(pairs.valuePtr + <usize>i) - 48;
      if (d < 0 || d > 9) return -1;
      code = code * 10 + d;
    }
    pairs.rewind();
    return code;
  }
  pairs.rewind();
  return -1;
}
