// A whole Content-Encoding header: tokens applied in order by the sender, undone here in reverse
// order (policy-spec §7.5) by decoders chained through sinks.
import { ByteSink } from "./sink";
import { Decoder } from "./decoder";
import { Inflater, FORMAT_GZIP, FORMAT_DEFLATE_AUTO } from "./inflate";
import { BrotliDecoder, BROTLI_WINDOW_CAP } from "./brotli";

// What a Content-Encoding header asks for: nothing to decode (no header, only `identity`), a
// decoder, or an encoding we cannot decode (`unsupported` names the first such token; the body is
// then flagged `unscanned_encoding` and not scanned).
export class EncodingPlan {
  decoder: Decoder | null = null;
  unsupported: string | null = null;
}

// Decoder for one token, or null. Tokens are case-insensitive (RFC 9110 §8.4.1).
// `brotliWindow`: the most history a br stream may make the decoder keep (BrotliDecoder.windowCap).
export function decoderForToken(token: string, outputLimit: i64, brotliWindow: i32 = BROTLI_WINDOW_CAP): Decoder | null {
  const e = token.trim().toLowerCase();
  if (e == "gzip" || e == "x-gzip") return new Inflater(FORMAT_GZIP, outputLimit);
  if (e == "deflate") return new Inflater(FORMAT_DEFLATE_AUTO, outputLimit);
  if (e == "br") {
    const d = new BrotliDecoder(outputLimit);
    d.windowCap = brotliWindow;
    return d;
  }
  return null;
}

export function planContentEncoding(header: string, outputLimit: i64, brotliWindow: i32 = BROTLI_WINDOW_CAP): EncodingPlan {
  const plan = new EncodingPlan();
  const tokens = header.split(",");
  const stages = new Array<Decoder>();
  // the last token was applied last, so it is undone first
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i].trim().toLowerCase();
    if (t.length == 0 || t == "identity") continue;
    const d = decoderForToken(t, outputLimit, brotliWindow);
    if (d == null) {
      plan.unsupported = t;
      return plan;
    }
    stages.push(d);
  }
  if (stages.length == 1) plan.decoder = stages[0];
  else if (stages.length > 1) plan.decoder = new DecoderChain(stages, outputLimit);
  return plan;
}

// Feeds stage k's output into stage k+1. Layout: `stages[0]` reads the body; `links[k]` is the sink
// of stages[k] and forwards to stages[k+1]; the last stage writes to the caller's sink.
class ForwardSink extends ByteSink {
  constructor(public next: Decoder, public chain: DecoderChain) { super(); }
  write(ptr: usize, len: i32): void {
    this.next.feed(ptr, len, false, this.chain.sinkAfter(this.next));
  }
}

export class DecoderChain extends Decoder {
  private stages: Decoder[];
  private links: ForwardSink[] = [];
  private out: ByteSink | null = null;

  constructor(stages: Decoder[], outputLimit: i64) {
    super(outputLimit);
    this.stages = stages;
    for (let i = 0; i + 1 < stages.length; i++) this.links.push(new ForwardSink(stages[i + 1], this));
    // Only the last stage's output is bounded by outputLimit; a middle stage stops with it
    // because feed() stops once the last stage is truncated.
    for (let i = 0; i + 1 < stages.length; i++) stages[i].outputLimit = i64.MAX_VALUE;
    stages[stages.length - 1].outputLimit = outputLimit;
  }

  sinkAfter(d: Decoder): ByteSink {
    const last = this.stages.length - 1;
    for (let i = 0; i < last; i++) if (this.stages[i] === d) return this.links[i];
    return this.out!;
  }

  feed(ptr: usize, len: i32, isLast: bool, sink: ByteSink): void {
    if (this.error != null || this.truncated) return;
    this.out = sink;
    const last = this.stages.length - 1;
    this.stages[last].outputLimit = this.outputLimit;
    this.stages[0].feed(ptr, len, isLast, this.stages.length > 1 ? this.links[0] : sink);
    // end of input reaches each inner stage once the stage before it has finished
    if (isLast) {
      for (let i = 1; i <= last; i++) this.stages[i].feed(0, 0, true, i < last ? this.links[i] : sink);
    }
    this.totalIn += <i64>max(len, 0);
    this.totalOut = this.stages[last].totalOut;
    this.truncated = this.stages[last].truncated;
    for (let i = 0; i <= last; i++) {
      const e = this.stages[i].error;
      if (e != null) {
        this.error = i == 0 ? e : e + " (encoding layer " + (i + 1).toString() + ")";
        break;
      }
    }
    this.out = null;
  }

  reset(): void {
    for (let i = 0; i < this.stages.length; i++) this.stages[i].reset();
    this.error = null;
    this.truncated = false;
    this.totalIn = 0;
    this.totalOut = 0;
  }

  finished(): bool {
    for (let i = 0; i < this.stages.length; i++) if (!this.stages[i].finished()) return false;
    return true;
  }
}
