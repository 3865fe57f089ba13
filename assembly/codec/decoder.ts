// The interface every content decoder offers the pipeline.
import { ByteSink } from "./sink";

export abstract class Decoder {
  // Decoded bytes delivered to the sink stop at this many (decompression bombs); past it the
  // decoder sets `truncated` and ignores the rest of the input.
  outputLimit: i64;
  // Set once on the first problem: "<format>: <what> at input byte <n>"; the rest is ignored.
  error: string | null = null;
  truncated: bool = false;
  // Input bytes fed and decoded bytes delivered since the last reset.
  totalIn: i64 = 0;
  totalOut: i64 = 0;

  constructor(outputLimit: i64) { this.outputLimit = outputLimit; }

  // Decodes len bytes at ptr (any split of the stream, down to single bytes) and writes the
  // decoded bytes to sink before returning. isLast: the stream ends with these bytes; a stream
  // that is not complete then is an error ("truncated stream").
  abstract feed(ptr: usize, len: i32, isLast: bool, sink: ByteSink): void;
  // Ready for a new stream; memory is kept, outputLimit too.
  abstract reset(): void;
  // The stream reached its proper end (all members / the trailer checked).
  abstract finished(): bool;
}
