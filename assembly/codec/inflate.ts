// Streaming inflate (RFC 1951) with its gzip (RFC 1952) and zlib (RFC 1950) wrappers, as one
// resumable state machine. Input arrives in chunks cut at any byte; the machine keeps only what it
// needs to resume (bit buffer, the state, the window, tables) and never keeps a pointer into a
// chunk after feed() returns. Output goes to a ByteSink at the end of each feed() and whenever the
// window fills.
//
// Memory per decoder (fixed, allocated once, reused by reset()):
//   win     CAP + 8 bytes. Output is written at win[pos]; a match copies from win[pos - dist].
//           When pos passes CAP - 258 (room for the longest match), [flushed, pos) goes to the
//           sink and the last WSIZE bytes move to the front, so a distance never wraps. The 8
//           spare bytes absorb the overshoot of the 8-byte match copy.
//   litlen  LITLEN_ENTRIES u32, dist DIST_ENTRIES u32, codelen CODELEN_ENTRIES u32: the tables of
//           the current dynamic block (layout in huffman.ts); fixed blocks use shared tables.
//   lens    320 bytes: code lengths read from a dynamic block header.
// About 81 KiB in all.
//
// Bit reader: `bb` holds `bc` unread bits, next bit in bit 0. Invariant outside the fast loop: bits
// above bc are zero, so a table lookup with fewer bits than the code needs sees zero padding and
// yields an entry whose len tells whether the bits at hand suffice. The fast loop runs only while
// 8 input bytes remain and refills with one unaligned 64-bit load to >= 56 bits, enough for the
// longest length/distance pair (15+5+15+13 = 48 bits); between its refills bits above bc may hold
// the next input bytes, which is harmless because a refill ORs in those same bits again.
import { ByteSink } from "./sink";
import { crc32Update, crc32Byte, adler32Update } from "./checksum";
import { BitInputDecoder } from "./bit-input";
import {
  buildTable, fixedLitLenTable, fixedDistTable,
  ALPHABET_LITLEN, ALPHABET_DIST, ALPHABET_CODELEN,
  LITLEN_ROOT_BITS, DIST_ROOT_BITS, CODELEN_ROOT_BITS,
  LITLEN_ENTRIES, DIST_ENTRIES, CODELEN_ENTRIES,
  KIND_LIT, KIND_BASE, KIND_EOB, KIND_LINK,
} from "./huffman";

export const FORMAT_RAW: i32 = 0;
export const FORMAT_ZLIB: i32 = 1;
export const FORMAT_GZIP: i32 = 2;
// HTTP `deflate`: zlib if the first two bytes pass the zlib header check, else raw deflate.
export const FORMAT_DEFLATE_AUTO: i32 = 3;

const WSIZE: i32 = 32768;
const CAP: i32 = 65536;
const MAX_MATCH: i32 = 258;
const LMASK: u64 = (1 << LITLEN_ROOT_BITS) - 1;
const DMASK: u64 = (1 << DIST_ROOT_BITS) - 1;

const S_START: i32 = 0;
const S_GZ_HEADER: i32 = 1;
const S_GZ_EXTRA_LEN: i32 = 2;
const S_GZ_EXTRA: i32 = 3;
const S_GZ_NAME: i32 = 4;
const S_GZ_COMMENT: i32 = 5;
const S_GZ_HCRC: i32 = 6;
const S_ZLIB_HEADER: i32 = 7;
const S_BLOCK: i32 = 8;
const S_STORED_LEN: i32 = 9;
const S_STORED: i32 = 10;
const S_DYN_COUNTS: i32 = 11;
const S_DYN_CODELENS: i32 = 12;
const S_DYN_LENS: i32 = 13;
const S_CODES_LEN: i32 = 14;
const S_CODES_DIST: i32 = 15;
const S_TRAILER: i32 = 16;
const S_MEMBER_END: i32 = 17;
const S_DONE: i32 = 18;
const S_STOPPED: i32 = 19; // output limit reached: the rest of the input is ignored
const S_ERROR: i32 = 20;

// Order in which a dynamic header lists the code-length code lengths (RFC 1951 §3.2.7).
const CODELEN_ORDER: StaticArray<u8> = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function stateName(s: i32): string {
  if (s <= S_GZ_HCRC) return s == S_START ? "header" : "gzip header";
  if (s == S_ZLIB_HEADER) return "zlib header";
  if (s <= S_DYN_LENS) return "block header";
  if (s <= S_CODES_DIST) return "compressed data";
  if (s == S_TRAILER) return "trailer";
  return "stream";
}

// @ts-ignore: decorator
@inline function lowBits(v: u64, n: u32): u32 { return <u32>v & ((<u32>1 << n) - 1); }

export class Inflater extends BitInputDecoder {
  readonly format: i32;
  // gzip members (or zlib/raw streams) decoded to their end.
  members: i32 = 0;

  private state: i32 = S_START;
  private wrap: i32 = FORMAT_RAW; // the format in effect (FORMAT_DEFLATE_AUTO resolves to one)

  private win: StaticArray<u8> = new StaticArray<u8>(CAP + 8);
  private pos: i32 = 0;
  private flushed: i32 = 0;
  private check: u32 = 0;       // running CRC-32 or Adler-32 of the current member
  private memberOut: u32 = 0;   // output of the current member mod 2^32 (gzip ISIZE)

  private lastBlock: bool = false;
  private lt: usize = 0;        // current lit/len table
  private dt: usize = 0;        // current distance table
  private litlen: StaticArray<u32> = new StaticArray<u32>(LITLEN_ENTRIES);
  private dist: StaticArray<u32> = new StaticArray<u32>(DIST_ENTRIES);
  private codelen: StaticArray<u32> = new StaticArray<u32>(CODELEN_ENTRIES);
  private lens: StaticArray<u8> = new StaticArray<u8>(320);
  private nlen: i32 = 0;        // HLIT
  private ndist: i32 = 0;       // HDIST
  private ncode: i32 = 0;       // HCLEN
  private idx: i32 = 0;         // progress inside a header field or code-length list
  private left: i32 = 0;        // stored bytes left, or gzip FEXTRA bytes left
  private matchLen: i32 = 0;    // length decoded, distance pending
  private gzFlags: u32 = 0;
  private headerCrc: u32 = 0;

  constructor(format: i32, outputLimit: i64 = i64.MAX_VALUE) {
    super(outputLimit);
    this.format = format;
    this.reset();
  }

  // Back to the start of a new stream; keeps the memory and outputLimit.
  reset(): void {
    this.error = null;
    this.truncated = false;
    this.totalIn = 0;
    this.totalOut = 0;
    this.members = 0;
    this.state = S_START;
    this.wrap = this.format;
    this.bb = 0;
    this.bc = 0;
    this.pos = 0;
    this.flushed = 0;
    this.sink = null;
  }

  finished(): bool { return this.state == S_DONE || this.state == S_MEMBER_END; }

  // Decodes len bytes at ptr; isLast says the stream ends with them. After an error or once the
  // output limit is reached, further input is ignored. Everything decoded before an error is
  // delivered (the same bytes for every split of the input).
  feed(ptr: usize, len: i32, isLast: bool, sink: ByteSink): void {
    if (this.state == S_ERROR || this.state == S_STOPPED) {
      this.totalIn += <i64>max(len, 0);
      return;
    }
    this.takeChunk(ptr, len, sink);
    while (this.step()) {}
    // Bytes decoded before an error are delivered too: they are what the body held up to there.
    if (this.state != S_STOPPED) this.flush();
    this.countChunk();
    if (isLast && this.state != S_ERROR && this.state != S_STOPPED && !this.finished()) {
      // An empty body is an empty body, whatever its Content-Encoding says.
      if (this.totalIn == 0) this.state = S_DONE;
      else this.failAt("truncated stream (input ended inside the " + stateName(this.state) + ")", this.totalIn);
    }
    this.dropChunk();
  }


  private formatName(): string {
    return this.wrap == FORMAT_GZIP ? "gzip" : this.wrap == FORMAT_ZLIB ? "zlib" : "deflate";
  }

  private fail(what: string): bool {
    this.failAt(what, this.offset());
    return false;
  }

  private failBack(what: string): bool {
    this.failAt(what, this.offset() - 1);
    return false;
  }

  private failAt(what: string, at: i64): void {
    this.error = this.formatName() + ": " + what + " at input byte " + at.toString();
    this.state = S_ERROR;
  }

  // Ensures bc >= n (n <= 56) by pulling whole bytes; false when the chunk ran out first.
  // @ts-ignore: decorator
  @inline private need(n: u32): bool {
    while (this.bc < n) {
      if (this.inPtr >= this.inEnd) return false;
      this.bb |= <u64>load<u8>(this.inPtr) << <u64>this.bc;
      this.inPtr++;
      this.bc += 8;
    }
    return true;
  }

  // @ts-ignore: decorator
  @inline private pullByte(): bool {
    if (this.inPtr >= this.inEnd) return false;
    this.bb |= <u64>load<u8>(this.inPtr) << <u64>this.bc;
    this.inPtr++;
    this.bc += 8;
    return true;
  }

  // @ts-ignore: decorator
  @inline private drop(n: u32): void {
    this.bb >>= <u64>n;
    this.bc -= n;
  }

  // Reads one header byte (needs it available) and folds it into the header CRC.
  private headerByte(): i32 {
    const b = <u32>this.bb & 255;
    this.drop(8);
    this.headerCrc = crc32Byte(this.headerCrc, b);
    return <i32>b;
  }

  // One state transition; false when no progress is possible without more input (or at the end).
  private step(): bool {
    const s = this.state;
    if (s >= S_CODES_LEN && s <= S_CODES_DIST) return this.codes();
    if (s == S_START) return this.start();
    if (s <= S_GZ_HCRC) return this.gzipHeader();
    if (s == S_ZLIB_HEADER) return this.zlibHeader();
    if (s <= S_DYN_LENS) return this.blockHeader();
    if (s == S_TRAILER) return this.trailer();
    if (s == S_MEMBER_END) {
      if (this.bc == 0 && this.inPtr >= this.inEnd) return false;
      this.state = S_GZ_HEADER;
      this.idx = 0;
      this.headerCrc = 0;
      return true;
    }
    if (s == S_DONE) {
      if (this.bc == 0 && this.inPtr >= this.inEnd) return false;
      return this.fail("trailing garbage after the end of the stream");
    }
    return false;
  }

  private start(): bool {
    if (this.wrap == FORMAT_GZIP) {
      this.state = S_GZ_HEADER;
      this.idx = 0;
      this.headerCrc = 0;
    } else if (this.wrap == FORMAT_ZLIB) {
      this.state = S_ZLIB_HEADER;
    } else if (this.wrap == FORMAT_RAW) {
      this.beginDeflate();
    } else {
      if (!this.need(16)) return false;
      const cmf = <u32>this.bb & 255;
      const flg = <u32>(this.bb >> 8) & 255;
      if ((cmf & 15) == 8 && (cmf >> 4) <= 7 && ((cmf << 8) | flg) % 31 == 0) {
        this.wrap = FORMAT_ZLIB;
        this.state = S_ZLIB_HEADER;
      } else {
        this.wrap = FORMAT_RAW;
        this.beginDeflate();
      }
    }
    return true;
  }

  private gzipHeader(): bool {
    const s = this.state;
    if (s == S_GZ_HEADER) {
      // ID1 ID2 CM FLG MTIME(4) XFL OS
      while (this.idx < 10) {
        if (!this.need(8)) return false;
        const at = this.idx;
        const b = this.headerByte();
        // the byte is consumed already: report its own offset
        if ((at == 0 && b != 0x1f) || (at == 1 && b != 0x8b)) {
          return this.failBack(this.members > 0 ? "trailing garbage after the last member" : "not a gzip stream (bad magic)");
        }
        if (at == 2 && b != 8) return this.failBack("unknown compression method " + b.toString());
        if (at == 3) {
          if ((b & 0xe0) != 0) return this.failBack("reserved header flags set");
          this.gzFlags = <u32>b;
        }
        this.idx = at + 1;
      }
      return this.gzipNext(S_GZ_HEADER);
    }
    if (s == S_GZ_EXTRA_LEN) {
      if (!this.need(16)) return false;
      const lo = this.headerByte();
      const hi = this.headerByte();
      this.left = lo | (hi << 8);
      this.state = S_GZ_EXTRA;
      return true;
    }
    if (s == S_GZ_EXTRA) {
      while (this.left > 0) {
        if (!this.need(8)) return false;
        this.headerByte();
        this.left--;
      }
      return this.gzipNext(S_GZ_EXTRA);
    }
    if (s == S_GZ_NAME || s == S_GZ_COMMENT) {
      while (true) {
        if (!this.need(8)) return false;
        if (this.headerByte() == 0) break;
      }
      return this.gzipNext(s);
    }
    // S_GZ_HCRC: the low 16 bits of the CRC-32 of the header bytes before it
    if (!this.need(16)) return false;
    const want = this.headerCrc & 0xffff;
    if ((<u32>this.bb & 0xffff) != want) return this.fail("header CRC mismatch");
    this.drop(16);
    this.beginDeflate();
    return true;
  }

  // Moves to the next optional gzip header field present after `from`.
  private gzipNext(from: i32): bool {
    const f = this.gzFlags;
    if (from < S_GZ_EXTRA_LEN && (f & 4) != 0) this.state = S_GZ_EXTRA_LEN;
    else if (from < S_GZ_NAME && (f & 8) != 0) this.state = S_GZ_NAME;
    else if (from < S_GZ_COMMENT && (f & 16) != 0) this.state = S_GZ_COMMENT;
    else if (from < S_GZ_HCRC && (f & 2) != 0) this.state = S_GZ_HCRC;
    else this.beginDeflate();
    return true;
  }

  private zlibHeader(): bool {
    if (!this.need(16)) return false;
    const cmf = <u32>this.bb & 255;
    const flg = <u32>(this.bb >> 8) & 255;
    if (((cmf << 8) | flg) % 31 != 0) return this.fail("header check failed");
    if ((cmf & 15) != 8) return this.fail("unknown compression method " + (cmf & 15).toString());
    if ((cmf >> 4) > 7) return this.fail("invalid window size");
    if ((flg & 0x20) != 0) return this.fail("preset dictionary not supported");
    this.drop(16);
    this.beginDeflate();
    return true;
  }

  // Start of a deflate stream (or gzip member): empty history, fresh checksum.
  private beginDeflate(): void {
    this.flush();
    this.pos = 0;
    this.flushed = 0;
    this.check = this.wrap == FORMAT_ZLIB ? 1 : 0;
    this.memberOut = 0;
    this.lastBlock = false;
    this.state = S_BLOCK;
  }

  private blockHeader(): bool {
    const s = this.state;
    if (s == S_BLOCK) {
      if (!this.need(3)) return false;
      const b = <u32>this.bb & 7;
      this.lastBlock = (b & 1) != 0;
      const type = b >> 1;
      if (type == 3) return this.fail("invalid block type 3");
      this.drop(3);
      if (type == 0) {
        this.drop(this.bc & 7);
        this.state = S_STORED_LEN;
      } else if (type == 1) {
        this.lt = fixedLitLenTable();
        this.dt = fixedDistTable();
        this.state = S_CODES_LEN;
      } else {
        this.state = S_DYN_COUNTS;
      }
      return true;
    }
    if (s == S_STORED_LEN) {
      if (!this.need(32)) return false;
      const len = <u32>this.bb & 0xffff;
      const nlen = <u32>(this.bb >> 16) & 0xffff;
      if (len != (~nlen & 0xffff)) return this.fail("stored block length does not match its complement");
      this.drop(32);
      this.left = <i32>len;
      this.state = S_STORED;
      return true;
    }
    if (s == S_STORED) return this.stored();
    if (s == S_DYN_COUNTS) {
      if (!this.need(14)) return false;
      const v = <u32>this.bb;
      this.nlen = <i32>(v & 31) + 257;
      this.ndist = <i32>((v >> 5) & 31) + 1;
      this.ncode = <i32>((v >> 10) & 15) + 4;
      if (this.nlen > 286 || this.ndist > 30) return this.fail("too many length or distance symbols");
      this.drop(14);
      for (let i = 0; i < 19; i++) unchecked(this.lens[i] = 0);
      this.idx = 0;
      this.state = S_DYN_CODELENS;
      return true;
    }
    if (s == S_DYN_CODELENS) {
      while (this.idx < this.ncode) {
        if (!this.need(3)) return false;
        unchecked(this.lens[unchecked(CODELEN_ORDER[this.idx])] = <u8>(<u32>this.bb & 7));
        this.drop(3);
        this.idx++;
      }
      const r = buildTable(changetype<usize>(this.lens), 19, ALPHABET_CODELEN, changetype<usize>(this.codelen), CODELEN_ROOT_BITS, CODELEN_ENTRIES);
      if (r < 0) return this.fail("invalid code lengths set");
      this.idx = 0;
      this.state = S_DYN_LENS;
      return true;
    }
    return this.dynamicLengths();
  }

  private stored(): bool {
    while (this.left > 0) {
      if (this.pos >= CAP) {
        this.slide();
        if (this.state != S_STORED) return false;
      }
      if (this.bc >= 8) {
        store<u8>(changetype<usize>(this.win) + <usize>this.pos, <u8>this.bb);
        this.drop(8);
        this.pos++;
        this.left--;
        continue;
      }
      const avail = <i32>(this.inEnd - this.inPtr);
      if (avail == 0) return false;
      const n = min(min(this.left, avail), CAP - this.pos);
      memory.copy(changetype<usize>(this.win) + <usize>this.pos, this.inPtr, <usize>n);
      this.inPtr += <usize>n;
      this.pos += n;
      this.left -= n;
    }
    this.endBlock();
    return true;
  }

  private dynamicLengths(): bool {
    const total = this.nlen + this.ndist;
    const ct = changetype<usize>(this.codelen);
    const lens = changetype<usize>(this.lens);
    while (this.idx < total) {
      let e = load<u32>(ct + (<usize>(this.bb & 127) << 2));
      let len = e & 15;
      const sym = e >> 16;
      const extra: u32 = sym < 16 ? 0 : sym == 16 ? 2 : sym == 17 ? 3 : 7;
      if (this.bc < len + extra) {
        if (!this.pullByte()) return false;
        continue;
      }
      this.drop(len);
      if (sym < 16) {
        store<u8>(lens + <usize>this.idx, <u8>sym);
        this.idx++;
        continue;
      }
      const x = lowBits(this.bb, extra);
      this.drop(extra);
      let fill: u8 = 0;
      let count: i32;
      if (sym == 16) {
        if (this.idx == 0) return this.fail("length repeat with no previous length");
        fill = load<u8>(lens + <usize>(this.idx - 1));
        count = 3 + <i32>x;
      } else if (sym == 17) {
        count = 3 + <i32>x;
      } else {
        count = 11 + <i32>x;
      }
      if (this.idx + count > total) return this.fail("code length repeat past the end of the lengths");
      memory.fill(lens + <usize>this.idx, fill, <usize>count);
      this.idx += count;
    }
    if (load<u8>(lens + 256) == 0) return this.fail("missing end-of-block code");
    const lt = changetype<usize>(this.litlen);
    if (buildTable(lens, this.nlen, ALPHABET_LITLEN, lt, LITLEN_ROOT_BITS, LITLEN_ENTRIES) < 0) {
      return this.fail("invalid literal/length code lengths");
    }
    const dt = changetype<usize>(this.dist);
    if (buildTable(lens + <usize>this.nlen, this.ndist, ALPHABET_DIST, dt, DIST_ROOT_BITS, DIST_ENTRIES) < 0) {
      return this.fail("invalid distance code lengths");
    }
    this.lt = lt;
    this.dt = dt;
    this.state = S_CODES_LEN;
    return true;
  }

  private endBlock(): void {
    if (!this.lastBlock) {
      this.state = S_BLOCK;
      return;
    }
    this.drop(this.bc & 7);
    this.flush();
    if (this.state == S_STOPPED) return;
    this.idx = 0;
    this.state = S_TRAILER;
  }

  private trailer(): bool {
    if (this.wrap == FORMAT_ZLIB) {
      if (!this.need(32)) return false;
      if (bswap<u32>(<u32>this.bb) != this.check) return this.fail("Adler-32 mismatch");
      this.drop(32);
      this.members++;
      this.state = S_DONE;
    } else if (this.wrap == FORMAT_GZIP) {
      while (this.idx < 2) {
        if (!this.need(32)) return false;
        const got = <u32>this.bb;
        if (this.idx == 0 && got != this.check) return this.fail("CRC-32 mismatch");
        if (this.idx == 1 && got != this.memberOut) return this.fail("length (ISIZE) mismatch");
        this.drop(32);
        this.idx++;
      }
      this.members++;
      this.state = S_MEMBER_END;
    } else {
      this.members++;
      this.state = S_DONE;
    }
    return true;
  }

  // Hands [flushed, pos) to the sink (and the checksum), stopping at the output limit.
  private flush(): void {
    const n = this.pos - this.flushed;
    if (n <= 0) return;
    const p = changetype<usize>(this.win) + <usize>this.flushed;
    if (this.wrap == FORMAT_GZIP) this.check = crc32Update(this.check, p, n);
    else if (this.wrap == FORMAT_ZLIB) this.check = adler32Update(this.check, p, n);
    this.memberOut += <u32>n;
    this.flushed = this.pos;
    let emit = n;
    const room = this.outputLimit - this.totalOut;
    if (<i64>n > room) {
      emit = <i32>max<i64>(room, 0);
      this.truncated = true;
      if (this.state != S_ERROR) this.state = S_STOPPED;
    }
    if (emit > 0) this.sink!.write(p, emit);
    this.totalOut += <i64>emit;
  }

  // Flushes and keeps only the last WSIZE bytes as history, at the front of the window.
  private slide(): void {
    this.flush();
    const keep = min(this.pos, WSIZE);
    const w = changetype<usize>(this.win);
    memory.copy(w, w + <usize>(this.pos - keep), <usize>keep);
    this.pos = keep;
    this.flushed = keep;
  }

  // S_CODES_LEN / S_CODES_DIST: the fast loop while input and room allow, then one careful symbol.
  private codes(): bool {
    if (this.state == S_CODES_LEN) {
      if (this.pos > CAP - MAX_MATCH) {
        this.slide();
        if (this.state == S_STOPPED) return false;
      }
      if (this.inEnd - this.inPtr >= 8) return this.fast();
      // careful lit/len symbol
      let e = load<u32>(this.lt + (<usize>(this.bb & LMASK) << 2));
      let need = e & 15;
      if (((e >> 8) & 7) == KIND_LINK) {
        e = load<u32>(this.lt + (<usize>((e >> 16) + lowBits(this.bb >> <u64>LITLEN_ROOT_BITS, (e >> 4) & 15)) << 2));
        need += e & 15;
      }
      const kind = (e >> 8) & 7;
      const extra = kind == KIND_BASE ? (e >> 4) & 15 : 0;
      if (this.bc < need + extra) return this.pullByte();
      if (kind == KIND_LIT) {
        this.drop(need);
        store<u8>(changetype<usize>(this.win) + <usize>this.pos, <u8>(e >> 16));
        this.pos++;
        return true;
      }
      if (kind == KIND_EOB) {
        this.drop(need);
        this.endBlock();
        return true;
      }
      this.drop(need);
      if (kind != KIND_BASE) return this.fail("invalid literal/length code");
      this.matchLen = <i32>(e >> 16) + <i32>lowBits(this.bb, extra);
      this.drop(extra);
      this.state = S_CODES_DIST;
      return true;
    }
    // careful distance symbol
    let e = load<u32>(this.dt + (<usize>(this.bb & DMASK) << 2));
    let need = e & 15;
    if (((e >> 8) & 7) == KIND_LINK) {
      e = load<u32>(this.dt + (<usize>((e >> 16) + lowBits(this.bb >> <u64>DIST_ROOT_BITS, (e >> 4) & 15)) << 2));
      need += e & 15;
    }
    const kind = (e >> 8) & 7;
    const extra = kind == KIND_BASE ? (e >> 4) & 15 : 0;
    if (this.bc < need + extra) return this.pullByte();
    this.drop(need);
    if (kind != KIND_BASE) return this.fail("invalid distance code");
    const d = <i32>(e >> 16) + <i32>lowBits(this.bb, extra);
    this.drop(extra);
    if (d > this.pos) return this.fail("distance too far back");
    copyMatch(changetype<usize>(this.win) + <usize>this.pos, d, this.matchLen);
    this.pos += this.matchLen;
    this.state = S_CODES_LEN;
    return true;
  }

  // The hot loop: whole symbols (with a match's distance) per 64-bit refill, locals only.
  private fast(): bool {
    let bb = this.bb;
    let bc = <u64>this.bc;
    let ip = this.inPtr;
    const ipMax = this.inEnd - 8;
    let pos = this.pos;
    const w = changetype<usize>(this.win);
    const lt = this.lt;
    const dt = this.dt;
    const posMax = CAP - MAX_MATCH;
    let result = 0; // 0 ran out of input or room, 1 end of block, 2.. errors
    while (ip <= ipMax && pos <= posMax) {
      bb |= load<u64>(ip) << bc;
      ip += <usize>((63 - bc) >> 3);
      bc |= 56;

      let e = load<u32>(lt + (<usize>(bb & LMASK) << 2));
      if (((e >> 8) & 7) == KIND_LINK) {
        bb >>= <u64>LITLEN_ROOT_BITS;
        bc -= <u64>LITLEN_ROOT_BITS;
        e = load<u32>(lt + (<usize>((e >> 16) + lowBits(bb, (e >> 4) & 15)) << 2));
      }
      bb >>= <u64>(e & 15);
      bc -= <u64>(e & 15);
      let kind = (e >> 8) & 7;
      if (kind == KIND_LIT) {
        store<u8>(w + <usize>pos, <u8>(e >> 16));
        pos++;
        // Up to three more literals without a refill while their codes are in the primary
        // table: 15 + 3 * 10 bits fit in the 56 just loaded, and the window has 258 spare bytes.
        for (let k = 0; k < 3; k++) {
          e = load<u32>(lt + (<usize>(bb & LMASK) << 2));
          if (((e >> 8) & 7) != KIND_LIT) break;
          bb >>= <u64>(e & 15);
          bc -= <u64>(e & 15);
          store<u8>(w + <usize>pos, <u8>(e >> 16));
          pos++;
        }
        continue;
      }
      if (kind != KIND_BASE) {
        result = kind == KIND_EOB ? 1 : 2;
        break;
      }
      let x = (e >> 4) & 15;
      const len = <i32>(e >> 16) + <i32>lowBits(bb, x);
      bb >>= <u64>x;
      bc -= <u64>x;
      e = load<u32>(dt + (<usize>(bb & DMASK) << 2));
      if (((e >> 8) & 7) == KIND_LINK) {
        bb >>= <u64>DIST_ROOT_BITS;
        bc -= <u64>DIST_ROOT_BITS;
        e = load<u32>(dt + (<usize>((e >> 16) + lowBits(bb, (e >> 4) & 15)) << 2));
      }
      bb >>= <u64>(e & 15);
      bc -= <u64>(e & 15);
      if (((e >> 8) & 7) != KIND_BASE) {
        result = 3;
        break;
      }
      x = (e >> 4) & 15;
      const d = <i32>(e >> 16) + <i32>lowBits(bb, x);
      bb >>= <u64>x;
      bc -= <u64>x;
      if (d > pos) {
        result = 4;
        break;
      }
      copyMatch(w + <usize>pos, d, len);
      pos += len;
    }
    // Restore the invariant: no bits above bc.
    this.bb = bb & ((<u64>1 << bc) - 1);
    this.bc = <u32>bc;
    this.inPtr = ip;
    this.pos = pos;
    if (result == 0) return true;
    if (result == 1) {
      this.endBlock();
      return true;
    }
    if (result == 2) return this.fail("invalid literal/length code");
    if (result == 3) return this.fail("invalid distance code");
    return this.fail("distance too far back");
  }
}

// Copies a match of len bytes from dist bytes back; source and destination may overlap (dist <
// len repeats the pattern). With dist >= 8 each 8-byte load reads bytes already written, so the
// copy goes a word at a time and may write up to 7 bytes past the end (the window has room).
// @ts-ignore: decorator
@inline function copyMatch(dst: usize, dist: i32, len: i32): void {
  let src = dst - <usize>dist;
  if (dist >= 8) {
    const end = dst + <usize>len;
    let d = dst;
    do {
      store<u64>(d, load<u64>(src));
      d += 8;
      src += 8;
    } while (d < end);
  } else if (dist == 1) {
    memory.fill(dst, load<u8>(src), <usize>len);
  } else {
    for (let i: usize = 0; i < <usize>len; i++) store<u8>(dst + i, load<u8>(src + i));
  }
}
