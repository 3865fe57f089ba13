// The input side the two bit-oriented decoders (inflate.ts, brotli.ts) share: the chunk being
// decoded and an LSB-first bit buffer. Plain fields and non-virtual helpers: the decoders' hot
// loops read bb, bc and inPtr directly.
import { Decoder } from "./decoder";
import { ByteSink } from "./sink";

export abstract class BitInputDecoder extends Decoder {
  protected bb: u64 = 0;            // input bits not yet consumed, the next one lowest
  protected bc: u32 = 0;            // how many bits bb holds
  protected inPtr: usize = 0;       // next unread byte of the chunk
  protected inEnd: usize = 0;
  protected chunkStart: usize = 0;
  protected sink: ByteSink | null = null;

  // The chunk [ptr, ptr + len) is decoded next, into sink.
  protected takeChunk(ptr: usize, len: i32, sink: ByteSink): void {
    this.inPtr = ptr;
    this.chunkStart = ptr;
    this.inEnd = ptr + <usize>max(len, 0);
    this.sink = sink;
  }

  // The chunk is done: its bytes count as read.
  protected countChunk(): void { this.totalIn += <i64>(this.inEnd - this.chunkStart); }

  // Nothing of the chunk is kept past the feed that brought it.
  protected dropChunk(): void {
    this.sink = null;
    this.inPtr = 0;
    this.inEnd = 0;
    this.chunkStart = 0;
  }

  // Input offset of the byte holding the next unread bit (errors are reported before the bad
  // item is consumed, so this is where it starts, or where a bad code ends for Huffman codes).
  protected offset(): i64 {
    return this.totalIn + <i64>(this.inPtr - this.chunkStart) - <i64>((this.bc + 7) >> 3);
  }
}
