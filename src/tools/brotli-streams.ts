// Hand-built Brotli streams (RFC 7932) whose commands are static-dictionary references, used to
// extract the 122,784-byte dictionary from Node's own brotli decoder (gen-brotli-dictionary.ts)
// and to test every word transform against it (tests/codec/brotli-*.test.ts).
//
// Shape of a stream: WBITS 24; one last meta-block of MLEN bytes; one block type per category;
// NPOSTFIX 0, NDIRECT 0; one literal code and one insert-and-copy code, both simple one-symbol
// codes (they take no bits); one distance code giving all 64 distance symbols 6 bits (a complex
// code whose code-length code has the single symbol 6). Each command then is: insert 0, copy
// length L (copy extra bits), distance symbol (6 bits), distance extra bits, where the distance
// points past everything decoded so far, which makes it a dictionary reference:
//   distance = decoded + 1 + (transform << NDBITS[L] | index).

export const NDBITS = [0, 0, 0, 0, 10, 10, 11, 11, 10, 10, 10, 10, 10, 9, 9, 8, 7, 7, 8, 7, 7, 6, 6, 5, 5];

export class BitWriter {
  private bytes: number[] = [];
  private acc = 0;
  private n = 0;
  /** An integer field, least-significant bit first. */
  bits(value: number, count: number): this {
    for (let i = 0; i < count; i++) {
      this.acc |= (Math.floor(value / 2 ** i) & 1) << this.n;
      if (++this.n === 8) { this.bytes.push(this.acc); this.acc = 0; this.n = 0; }
    }
    return this;
  }
  /** A prefix code of `len` bits, most-significant bit first. */
  code(value: number, len: number): this {
    for (let i = len - 1; i >= 0; i--) this.bits((value >> i) & 1, 1);
    return this;
  }
  done(): Uint8Array {
    const out = [...this.bytes];
    if (this.n > 0) out.push(this.acc);
    return Uint8Array.from(out);
  }
}

export interface WordRef { length: number; index: number; transform: number }

// Copy length code and its extra bits for a dictionary word length 4..24.
function copyCode(len: number): { code: number; extra: number; bits: number } {
  if (len <= 9) return { code: len - 2, extra: 0, bits: 0 };
  if (len <= 13) return { code: 8 + ((len - 10) >> 1), extra: (len - 10) & 1, bits: 1 };
  if (len <= 21) return { code: 10 + ((len - 14) >> 2), extra: (len - 14) & 3, bits: 2 };
  return { code: 12, extra: len - 22, bits: 3 };
}

/** A stream of dictionary references producing `outputLength` bytes (the caller must know it). */
export function dictionaryStream(refs: WordRef[], outputLength: number, wordLengthOf: (r: WordRef) => number): Uint8Array {
  const lengths = new Set(refs.map((r) => r.length));
  if (lengths.size > 1) throw new Error("one word length per stream (one insert-and-copy symbol)");
  const w = new BitWriter();
  w.bits(1, 1).bits(7, 3); // WBITS 24
  w.bits(1, 1).bits(0, 1); // ISLAST, not empty
  const mlen1 = Math.max(outputLength - 1, 0);
  const nibbles = Math.max(4, Math.ceil(Math.max(1, Math.ceil(Math.log2(mlen1 + 1))) / 4));
  w.bits(nibbles - 4, 2).bits(mlen1, nibbles * 4);
  w.bits(0, 1).bits(0, 1).bits(0, 1); // NBLTYPESL, NBLTYPESI, NBLTYPESD = 1
  w.bits(0, 2).bits(0, 4);            // NPOSTFIX 0, NDIRECT 0
  w.bits(0, 2);                       // context mode of the one literal block type
  w.bits(0, 1).bits(0, 1);            // NTREESL = 1, NTREESD = 1
  w.bits(1, 2).bits(0, 2).bits(0, 8); // literal code: simple, one symbol (0)
  const len = refs.length ? refs[0].length : 4;
  const cc = copyCode(len);
  const command = cc.code < 8 ? 128 + cc.code : cc.code < 16 ? 192 + cc.code - 8 : 384 + cc.code - 16;
  w.bits(1, 2).bits(0, 2).bits(command, 10); // insert-and-copy code: simple, one symbol
  // distance code: complex; code-length code lengths in the order 1,2,3,4,0,5,17,6,16,7,..,15:
  // only symbol 6 (8th in the order) is used, so every distance symbol has length 6
  w.bits(0, 2);
  for (let i = 0; i < 18; i++) {
    if (i === 7) w.bits(7, 4); // code length 1 for symbol 6 ("0111")
    else w.bits(0, 2);         // code length 0 ("00")
  }
  let decoded = 0;
  for (const r of refs) {
    w.bits(cc.extra, cc.bits);
    const distance = decoded + 1 + r.transform * 2 ** NDBITS[r.length] + r.index;
    const x = distance + 3; // = ((2 + b) << n) + extra with n distance extra bits
    const n = Math.floor(Math.log2(x)) - 1;
    const b = Math.floor(x / 2 ** n) & 1;
    const extra = x - (2 + b) * 2 ** n;
    w.code(16 + 2 * (n - 1) + b, 6).bits(extra, n);
    decoded += wordLengthOf(r);
  }
  return w.done();
}
