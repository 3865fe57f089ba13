import { planContentEncoding, CollectingSink, crc32Update, Decoder } from "../../../assembly/codec/index";

// gzip member holding `payload` in one stored block (payload < 64 KiB).
function gzipStored(payload: Uint8Array): Uint8Array {
  const n = payload.length;
  const out = new Uint8Array(10 + 5 + n + 8);
  const head: u8[] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
  for (let i = 0; i < 10; i++) out[i] = head[i];
  out[10] = 1;
  out[11] = <u8>n; out[12] = <u8>(n >> 8); out[13] = <u8>~n; out[14] = <u8>(~n >> 8);
  out.set(payload, 15);
  const crc = crc32Update(0, payload.dataStart, n);
  for (let i = 0; i < 4; i++) { out[15 + n + i] = <u8>(crc >> (8 * i)); out[19 + n + i] = <u8>(n >> (8 * i)); }
  return out;
}

function utf8(s: string): Uint8Array { return Uint8Array.wrap(String.UTF8.encode(s)); }

function feedAll(d: Decoder, data: Uint8Array, chunk: i32, sink: CollectingSink): void {
  let at = 0;
  do {
    const n = min(chunk, data.length - at);
    d.feed(data.dataStart + <usize>at, n, at + n >= data.length, sink);
    at += n;
  } while (at < data.length);
}

describe("Content-Encoding header plans", () => {
  it("identity and an empty header need no decoder", () => {
    const a = planContentEncoding("identity", 1000);
    expect(a.decoder).toBeNull();
    expect(a.unsupported).toBeNull();
    const b = planContentEncoding("", 1000);
    expect(b.decoder).toBeNull();
    expect(b.unsupported).toBeNull();
  });
  it("names the first unsupported token (undone first = listed last)", () => {
    expect(planContentEncoding("gzip, zstd", 1000).unsupported).toBe("zstd");
    expect(planContentEncoding("gzip, br", 1000).unsupported).toBeNull();
    expect(planContentEncoding("compress, gzip", 1000).unsupported).toBe("compress");
    expect(planContentEncoding("GZIP, identity", 1000).unsupported).toBeNull();
  });
  it("undoes stacked encodings in reverse order, at every chunk size", () => {
    const twice = gzipStored(gzipStored(utf8("stacked hello")));
    for (let chunk = 1; chunk < 40; chunk += 7) {
      const d = planContentEncoding("gzip, x-gzip", 1 << 20).decoder!;
      const sink = new CollectingSink();
      feedAll(d, twice, chunk, sink);
      expect(d.error).toBeNull();
      expect(d.finished()).toBe(true);
      expect(sink.toString()).toBe("stacked hello");
    }
  });
  it("applies the output limit to the final output", () => {
    const twice = gzipStored(gzipStored(utf8("0123456789abcdef")));
    const d = planContentEncoding("gzip, gzip", 10).decoder!;
    const sink = new CollectingSink();
    feedAll(d, twice, 5, sink);
    expect(d.truncated).toBe(true);
    expect(d.error).toBeNull();
    expect(sink.toString()).toBe("0123456789");
  });
  it("reports an error of the inner layer with its layer number", () => {
    const inner = gzipStored(utf8("abc"));
    inner[inner.length - 1] ^= 1; // ISIZE
    const d = planContentEncoding("gzip, gzip", 1000).decoder!;
    const sink = new CollectingSink();
    feedAll(d, gzipStored(inner), 3, sink);
    expect(d.error).toBe("gzip: length (ISIZE) mismatch at input byte 22 (encoding layer 2)");
  });
  it("a single token gives a plain decoder; reset() reuses a chain", () => {
    const one = planContentEncoding("deflate", 1000).decoder;
    expect(one).not.toBeNull();
    const d = planContentEncoding("gzip,gzip", 1000).decoder!;
    const sink = new CollectingSink();
    feedAll(d, utf8("not gzip"), 8, sink);
    expect(d.error).not.toBeNull();
    d.reset();
    sink.clear();
    feedAll(d, gzipStored(gzipStored(utf8("again"))), 64, sink);
    expect(d.error).toBeNull();
    expect(sink.toString()).toBe("again");
  });
});
