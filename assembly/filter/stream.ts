import {
  Context, RootContext,
  FilterHeadersStatusValues, FilterDataStatusValues, FilterTrailersStatusValues,
} from "../abi/runtime";
import { HostBytes } from "../abi/host-bytes";
import { readBuffer } from "../abi/buffers";
import { BufferType, HeaderMapType } from "../abi/enums";
import { readHeader, parseStatus } from "../abi/headers";
import { FilterMetrics } from "./metrics";

/**
 * One HTTP exchange. Observe mode: every callback returns Continue, so Envoy forwards each
 * header block and chunk at once and never buffers on our behalf (a StopIteration from the
 * headers callback would hold the whole body until proxy_continue_stream).
 *
 * Body bytes are read where they lie: the host copies the current chunk into one block it
 * allocates through `malloc`, we look at it in place and hand it back — one allocation per
 * chunk, none per byte, no String.
 */
export class LeakscopeStream extends Context {
  private chunk: HostBytes = new HostBytes();
  private header: HostBytes = new HostBytes();
  private status: i32 = -1;
  private closed: bool = false;

  constructor(id: u32, root: RootContext, private metrics: FilterMetrics) {
    super(id, root);
    metrics.streamOpened();
  }

  onRequestHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    return FilterHeadersStatusValues.Continue;
  }

  onRequestBody(bodySize: usize, endOfStream: bool): FilterDataStatusValues {
    this.metrics.requestBody(this.observe(BufferType.HttpRequestBody, bodySize));
    return FilterDataStatusValues.Continue;
  }

  onRequestTrailers(count: u32): FilterTrailersStatusValues {
    return FilterTrailersStatusValues.Continue;
  }

  onResponseHeaders(headerCount: u32, endOfStream: bool): FilterHeadersStatusValues {
    if (readHeader(HeaderMapType.ResponseHeaders, ":status", this.header)) {
      this.status = parseStatus(this.header);
      this.header.release();
    }
    return FilterHeadersStatusValues.Continue;
  }

  onResponseBody(bodySize: usize, endOfStream: bool): FilterDataStatusValues {
    this.metrics.responseBody(this.observe(BufferType.HttpResponseBody, bodySize));
    return FilterDataStatusValues.Continue;
  }

  onResponseTrailers(count: u32): FilterTrailersStatusValues {
    return FilterTrailersStatusValues.Continue;
  }

  onLog(): void {
    this.metrics.transaction(this.status);
  }

  onDelete(): void {
    this.close();
  }

  /**
   * Reads the chunk the host holds for this callback and returns how many bytes were seen.
   * Because we always Continue, the buffer holds only the current chunk (Envoy buffers
   * earlier chunks only after StopIterationAndBuffer).
   */
  private observe(type: BufferType, bodySize: usize): i64 {
    if (bodySize == 0) return 0;
    readBuffer(type, 0, <u32>bodySize, this.chunk);
    const seen = <i64>this.chunk.length;
    this.chunk.release();
    return seen;
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.chunk.release();
    this.header.release();
    this.metrics.streamClosed();
  }
}
