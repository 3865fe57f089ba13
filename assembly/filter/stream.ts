import {
  Context, RootContext,
  FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues,
} from "../abi/runtime";
import { HostBytes } from "../abi/host-bytes";
import { readBuffer } from "../abi/buffers";
import { BufferType, HeaderMapType } from "../abi/enums";
import { readHeader, readHeaderPairs, parseStatus } from "../abi/headers";
import { HeaderPairs } from "../abi/header-pairs";
import { FilterMetrics } from "./metrics";
import { StreamInspection } from "../inspect/stream-inspection";

/**
 * One HTTP exchange. Observe mode: every callback returns Continue, so Envoy forwards each
 * header block and chunk at once and never buffers on our behalf (a StopIteration from the
 * headers callback would hold the whole body until proxy_continue_stream).
 *
 * Body bytes are read where they lie: the host copies the current chunk into one block it
 * allocates through `malloc`, we scan it in place and hand it back — one allocation per
 * chunk, none per byte, no String.
 */
export class LeakscopeStream extends Context {
  private chunk: HostBytes = new HostBytes();
  private header: HostBytes = new HostBytes();
  private pairs: HeaderPairs = new HeaderPairs();
  private status: i32 = -1;
  private closed: bool = false;

  constructor(id: u32, root: RootContext, private metrics: FilterMetrics, private inspection: StreamInspection | null) {
    super(id, root);
    metrics.streamOpened();
  }

  onRequestHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    const inspection = this.inspection;
    if (inspection !== null && this.loadPairs(HeaderMapType.RequestHeaders)) {
      inspection.requestHeaders(this.pairs, endOfStream);
      this.pairs.release();
    }
    return FilterHeadersStatusValues.Continue;
  }

  onRequestBody(bodySize: usize, endOfStream: bool): FilterDataStatusValues {
    const seen = this.readChunk(BufferType.HttpRequestBody, bodySize);
    this.metrics.requestBody(seen);
    const inspection = this.inspection;
    if (inspection !== null) inspection.requestBody(this.chunk.ptr, this.chunk.length, endOfStream);
    this.chunk.release();
    return FilterDataStatusValues.Continue;
  }

  onRequestTrailers(count: u32): FilterTrailersStatusValues {
    const inspection = this.inspection;
    if (inspection !== null) inspection.requestEnd();
    return FilterTrailersStatusValues.Continue;
  }

  onResponseHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    const inspection = this.inspection;
    if (inspection !== null && this.loadPairs(HeaderMapType.ResponseHeaders)) {
      this.status = statusOf(this.pairs);
      inspection.responseHeaders(this.pairs, endOfStream);
      this.pairs.release();
    } else if (readHeader(HeaderMapType.ResponseHeaders, ":status", this.header)) {
      this.status = parseStatus(this.header);
      this.header.release();
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(bodySize: usize, endOfStream: bool): FilterDataStatusValues {
    const seen = this.readChunk(BufferType.HttpResponseBody, bodySize);
    this.metrics.responseBody(seen);
    const inspection = this.inspection;
    if (inspection !== null) inspection.responseBody(this.chunk.ptr, this.chunk.length, endOfStream);
    this.chunk.release();
    return FilterDataStatusValues.Continue;
  }

  onResponseTrailers(count: u32): FilterTrailersStatusValues {
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

  private loadPairs(map: HeaderMapType): bool {
    const raw = this.header;
    if (!readHeaderPairs(map, raw)) return false;
    this.pairs.load(raw);
    return true;
  }

  /**
   * Reads the chunk the host holds for this callback into `chunk` and returns its size.
   * Because we always Continue, the buffer holds only the current chunk (Envoy buffers
   * earlier chunks only after StopIterationAndBuffer).
   */
  private readChunk(type: BufferType, bodySize: usize): i64 {
    if (bodySize == 0) return 0;
    readBuffer(type, 0, <u32>bodySize, this.chunk);
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
