// Streaming Brotli decoder (RFC 7932) as one resumable state machine, shaped like the Inflater:
// input arrives in chunks cut at any byte, the machine keeps only what it needs to resume (bit
// buffer, state, window, the current meta-block's tables) and never keeps a pointer into a chunk
// after feed() returns. Decoded bytes go to a ByteSink at the end of each feed(), whenever half
// the window is waiting, and when the output limit is crossed.
//
// Memory per decoder (allocated on first use, kept by reset()):
//   ring    R bytes, R a power of two: decoded byte number p lives at ring[p & (R - 1)].
//           Full size Rmax = max(1 KiB, next power of two >= min(window size, outputLimit) + 16)
//           <= 2^WBITS: a distance never reaches past min(window size, bytes decoded) (farther
//           ones are dictionary references), and decoding stops once the output limit is
//           crossed, so with a small limit a small ring holds every byte a copy can reach.
//           The ring starts at min(Rmax, 4 KiB) and doubles (before it ever wraps) as output
//           grows (RFC 7932 §12's advice), so a small body never costs a 16 MiB window; the
//           largest ring is kept by reset().
//           Invariant: at most R/2 + R/4 bytes are waiting for the sink, so a write never
//           overwrites a byte the sink has not seen or one a copy may still read (the 16 bytes
//           between the window size and 2^WBITS absorb the 8-byte copy overshoot).
//   htab    u32 entries: every prefix code of the current meta-block (brotli-huffman.ts layout),
//           one after the other; litOff/cmdOff/distOff give each tree's first entry. Starts at
//           8192 entries and doubles when a meta-block header needs more (at most about 1.3 M
//           entries for 256 trees of each kind).
//   btTab/bcTab  block-type and block-count codes of the three categories (fixed size).
//   cmTab   the context map's prefix code; clTab the code-length code of a complex code.
//   cmapL 16 KiB, cmapD 1 KiB, cmode 256 B: context maps and literal context modes.
//   lens    704 B: code lengths of the prefix code being read.
// About 60 KiB besides the ring and htab, allocated at the first compressed meta-block header
// (a stream of garbage, metadata or uncompressed blocks costs only the ring and ~3 KiB).
//
// Bit reader: `bb` holds `bc` unread bits, next bit in bit 0 (as in inflate.ts). fill() tops it up
// to more than 48 bits when the chunk allows (one unaligned 64-bit load when 8 bytes remain),
// which covers any single item: a symbol with its extra bits (<= 39), both extras of an
// insert-and-copy command (<= 48), a meta-block header (<= 31). Every item is consumed only once
// all its bits are present, so between chunks the state is just the bit buffer and the fields of
// the current phase, and errors are found at the same input offset for every split. Bits above bc
// are either zero or the next input bits, so a table peek with too few bits is harmless.
import { ByteSink } from "./sink";
import { BitInputDecoder } from "./bit-input";
import { buildCode, buildSingle, peekSymbol, tableEntries } from "./brotli-huffman";
import {
  INSERT_BASE, INSERT_EXTRA, COPY_BASE, COPY_EXTRA, CELL_INSERT, CELL_COPY,
  BLOCK_COUNT_BASE, BLOCK_COUNT_EXTRA, CODE_LENGTH_ORDER, CODE_LENGTH_CODE_VALUE, CODE_LENGTH_CODE_BITS,
  NDBITS, DOFFSET, CONTEXT_LUT, TRANSFORM_COUNT, transformWord,
} from "./brotli-tables";
import { DICTIONARY } from "./brotli-dictionary";

const S_HEADER: i32 = 0;
const S_MB_HEADER: i32 = 1;
const S_METADATA: i32 = 2;
const S_UNCOMPRESSED: i32 = 3;
const S_BLOCK_TYPES: i32 = 4;
const S_DIST_PARAMS: i32 = 5;
const S_CMODES: i32 = 6;
const S_CMAP: i32 = 7;
const S_TREES: i32 = 8;
const S_COMMANDS: i32 = 9;
const S_MB_DONE: i32 = 10;
const S_DONE: i32 = 11;
const S_STOPPED: i32 = 12; // output limit reached: the rest of the input is ignored
const S_ERROR: i32 = 13;

// Phases of a command (S_COMMANDS).
const C_CMD: i32 = 0;
const C_EXTRA: i32 = 1;
const C_LITERALS: i32 = 2;
const C_DIST: i32 = 3;
const C_COPY: i32 = 4;

// Phases of reading one prefix code.
const H_IDLE: i32 = -1;
const H_START: i32 = 0;
const H_CODE_LENGTHS: i32 = 1;
const H_SYMBOL_LENGTHS: i32 = 2;

const HTAB_INITIAL: i32 = 8192;
const RING_INITIAL: i32 = 4096;
const BT_ENTRIES: i32 = 258 + 1024; // tableEntries(258): block types, NBLTYPES + 2 <= 258 symbols
const BC_ENTRIES: i32 = 26 + 1024;  // tableEntries(26)
const CM_ENTRIES: i32 = 272 + 1024; // tableEntries(272): context maps, NTREES + RLEMAX <= 272
const NO_COUNT: i32 = 1 << 24;      // block count of a category with a single block type

function stateName(s: i32): string {
  if (s == S_HEADER) return "stream header";
  if (s == S_MB_HEADER) return "meta-block header";
  if (s == S_METADATA) return "metadata";
  if (s == S_UNCOMPRESSED) return "uncompressed meta-block";
  if (s <= S_TREES) return "meta-block header";
  if (s == S_COMMANDS) return "compressed data";
  return "stream";
}

// @ts-ignore: decorator
@inline function lowBits(v: u64, n: u32): u32 { return <u32>v & ((<u32>1 << n) - 1); }

// The largest ring a stream may make the filter keep: 4 MiB, the ring of the encoder's default
// window (WBITS 22: back-references up to 4 MiB - 16 bytes). A stream may declare up to 16 MiB; a
// back-reference farther than cap - 16 is an error ("... beyond the filter's window limit"), so
// the body is flagged and passed unscanned instead of letting each hostile br stream (request
// bodies are untrusted) hold a 16 MiB ring in the VM.
export const BROTLI_WINDOW_CAP: i32 = 4 << 20;

export class BrotliDecoder extends BitInputDecoder {
  // see BROTLI_WINDOW_CAP; settable for tests and embedders
  windowCap: i32 = BROTLI_WINDOW_CAP;
  private state: i32 = S_HEADER;

  // window and output
  private ring: StaticArray<u8> = new StaticArray<u8>(0);
  private ringSize: i32 = 0;
  private ringMax: i32 = 0;     // the full ring size this stream may need
  private ringMask: i32 = 0;
  private copyCap: i32 = 0;     // longest piece written between two flush checks
  private windowSize: i32 = 0;  // (1 << WBITS) - 16
  private pos: i64 = 0;         // bytes decoded
  private flushed: i64 = 0;     // bytes handed to the sink (or dropped past the limit)
  private nextFlush: i64 = 0;   // flush once pos reaches this
  private p1: u32 = 0;          // last decoded byte
  private p2: u32 = 0;          // the one before
  private dist: StaticArray<i32> = new StaticArray<i32>(4); // ring of last distances
  private distIdx: i32 = 0;

  // meta-block
  private isLast: bool = false;
  private mbLeft: i32 = 0;      // bytes the meta-block still has to produce
  private left: i32 = 0;        // metadata / uncompressed bytes left
  private cat: i32 = 0;         // block category being read: 0 literals, 1 commands, 2 distances
  private phase: i32 = 0;
  private idx: i32 = 0;
  private nbl: StaticArray<i32> = new StaticArray<i32>(3);     // block types per category
  private btype: StaticArray<i32> = new StaticArray<i32>(3);   // current block type
  private bprev: StaticArray<i32> = new StaticArray<i32>(3);   // previous block type
  private blen: StaticArray<i32> = new StaticArray<i32>(3);    // elements left in the block; -1: count pending
  // allocated with the other header tables by ensureTables() at the first compressed meta-block
  private btTab: StaticArray<u32> = new StaticArray<u32>(0);
  private bcTab: StaticArray<u32> = new StaticArray<u32>(0);
  private npostfix: i32 = 0;
  private ndirect: i32 = 0;
  private cmode: StaticArray<u8> = new StaticArray<u8>(256);
  private ntreesL: i32 = 0;
  private ntreesD: i32 = 0;
  private rlemax: i32 = 0;
  private cmapL: StaticArray<u8> = new StaticArray<u8>(0);
  private cmapD: StaticArray<u8> = new StaticArray<u8>(0);
  private cmTab: StaticArray<u32> = new StaticArray<u32>(0);
  private htab: StaticArray<u32> = new StaticArray<u32>(0);
  private htUsed: i32 = 0;
  private litOff: StaticArray<u32> = new StaticArray<u32>(256);
  private cmdOff: StaticArray<u32> = new StaticArray<u32>(256);
  private distOff: StaticArray<u32> = new StaticArray<u32>(256);
  private litLut: usize = 0;    // CONTEXT_LUT part of the current literal block type's mode
  private litMap: usize = 0;    // cmapL row of the current literal block type

  // command in progress
  private cphase: i32 = C_CMD;
  private insCode: i32 = 0;
  private copyCode: i32 = 0;
  private implicitDist: bool = false;
  private insLeft: i32 = 0;
  private copyLen: i32 = 0;
  private copyDist: i32 = 0;
  private copyLeft: i32 = 0;
  private word: StaticArray<u8> = new StaticArray<u8>(40);

  // prefix code being read
  private hPhase: i32 = H_IDLE;
  private hAlphabet: i32 = 0;
  private hTable: usize = 0;
  private hCapacity: i32 = 0;
  private hUsed: i32 = 0;
  private hSpace: i32 = 0;
  private hNum: i32 = 0;
  private hIdx: i32 = 0;
  private hPrevLen: i32 = 8;
  private hRepeat: i32 = 0;
  private hRepeatLen: i32 = 0;
  private lens: StaticArray<u8> = new StaticArray<u8>(704);
  private clLens: StaticArray<u8> = new StaticArray<u8>(18);
  private clTab: StaticArray<u32> = new StaticArray<u32>(256);

  constructor(outputLimit: i64 = i64.MAX_VALUE) {
    super(outputLimit);
    this.reset();
  }

  reset(): void {
    this.error = null;
    this.truncated = false;
    this.totalIn = 0;
    this.totalOut = 0;
    this.state = S_HEADER;
    this.bb = 0;
    this.bc = 0;
    this.pos = 0;
    this.flushed = 0;
    this.p1 = 0;
    this.p2 = 0;
    this.dist[0] = 16;
    this.dist[1] = 15;
    this.dist[2] = 11;
    this.dist[3] = 4;
    this.distIdx = 4;
    this.hPhase = H_IDLE;
    this.sink = null;
  }

  finished(): bool { return this.state == S_DONE; }

  // Bytes allocated for the window (the ring; 0 before the first stream header).
  get windowBytes(): i32 { return this.ring.length; }
  // The most window memory the current stream may come to use (set by the stream header).
  get windowLimit(): i32 { return this.ringMax; }

  feed(ptr: usize, len: i32, isLast: bool, sink: ByteSink): void {
    if (this.state == S_ERROR || this.state == S_STOPPED) {
      this.totalIn += <i64>max(len, 0);
      return;
    }
    this.takeChunk(ptr, len, sink);
    while (this.step()) {}
    if (this.state != S_STOPPED) this.flush();
    // bits above bc may hold bytes of this chunk that were loaded but not taken; drop them
    this.bb &= this.bc >= 64 ? u64.MAX_VALUE : (<u64>1 << this.bc) - 1;
    this.countChunk();
    if (isLast && this.state != S_ERROR && this.state != S_STOPPED && this.state != S_DONE) {
      if (this.totalIn == 0) this.state = S_DONE; // an empty body is an empty body
      else this.failAt("truncated stream (input ended inside the " + stateName(this.state) + ")", this.totalIn);
    }
    this.dropChunk();
  }

  // ---- errors and bits ----


  private fail(what: string): bool {
    this.failAt(what, this.offset());
    return false;
  }

  private failAt(what: string, at: i64): void {
    this.error = "br: " + what + " at input byte " + at.toString();
    this.state = S_ERROR;
  }

  // Tops the bit buffer up to more than 48 bits, or takes every byte left in the chunk.
  // @ts-ignore: decorator
  @inline private fill(): void {
    if (this.bc > 48) return;
    let ip = this.inPtr;
    if (ip + 8 <= this.inEnd) {
      this.bb |= load<u64>(ip) << <u64>this.bc;
      this.inPtr = ip + <usize>((63 - this.bc) >> 3);
      this.bc |= 56;
      return;
    }
    while (this.bc <= 56 && ip < this.inEnd) {
      this.bb |= <u64>load<u8>(ip) << <u64>this.bc;
      ip++;
      this.bc += 8;
    }
    this.inPtr = ip;
  }

  // @ts-ignore: decorator
  @inline private drop(n: u32): void {
    this.bb >>= <u64>n;
    this.bc -= n;
  }

  // @ts-ignore: decorator
  @inline private bits(at: u32, n: u32): u32 { return lowBits(this.bb >> <u64>at, n); }

  // Skips to a byte boundary; the skipped bits must be zero.
  private alignZero(): bool {
    const n = this.bc & 7;
    if (lowBits(this.bb, n) != 0) return this.fail("nonzero padding bits");
    this.drop(n);
    return true;
  }

  // ---- state machine ----

  private step(): bool {
    const s = this.state;
    if (s == S_COMMANDS) return this.commands();
    if (s == S_HEADER) return this.streamHeader();
    if (s == S_MB_HEADER) return this.metaBlockHeader();
    if (s == S_METADATA) return this.metadata();
    if (s == S_UNCOMPRESSED) return this.uncompressed();
    if (s == S_BLOCK_TYPES) return this.blockTypes();
    if (s == S_DIST_PARAMS) return this.distParams();
    if (s == S_CMODES) return this.contextModes();
    if (s == S_CMAP) return this.contextMap();
    if (s == S_TREES) return this.trees();
    if (s == S_MB_DONE) {
      this.state = this.isLast ? S_DONE : S_MB_HEADER;
      if (this.isLast) return this.alignZero();
      return true;
    }
    if (s == S_DONE) {
      this.fill();
      if (this.bc == 0) return false;
      return this.fail("trailing garbage after the end of the stream");
    }
    return false;
  }

  private streamHeader(): bool {
    this.fill();
    if (this.bc < 1) return false;
    let wbits: i32 = 16;
    let n: u32 = 1;
    if (this.bits(0, 1) != 0) {
      if (this.bc < 4) return false;
      const a = this.bits(1, 3);
      n = 4;
      if (a != 0) wbits = 17 + <i32>a;
      else {
        if (this.bc < 7) return false;
        const b = this.bits(4, 3);
        n = 7;
        if (b == 1) return this.fail("large-window brotli is not supported");
        wbits = b != 0 ? 8 + <i32>b : 17;
      }
    }
    this.drop(n);
    this.windowSize = (1 << wbits) - 16;
    // ring size: every byte a distance can reach, plus 16 (see the memory notes above)
    const reach = min<i64>(min<i64>(<i64>this.windowSize, max<i64>(this.outputLimit, 0)), <i64>this.windowCap - 16) + 16;
    let r = 1024;
    while (<i64>r < reach) r <<= 1;
    this.ringMax = r;
    const first = min(r, RING_INITIAL);
    if (this.ring.length < first) this.ring = new StaticArray<u8>(first);
    this.setRingSize(first);
    this.state = S_MB_HEADER;
    return true;
  }

  private metaBlockHeader(): bool {
    this.fill();
    const bc = this.bc;
    if (bc < 1) return false;
    const last = this.bits(0, 1) != 0;
    let k: u32 = 1;
    if (last) {
      if (bc < 2) return false;
      k = 2;
      if (this.bits(1, 1) != 0) { // ISLASTEMPTY
        this.drop(2);
        this.isLast = true;
        this.state = S_MB_DONE;
        return true;
      }
    }
    if (bc < k + 2) return false;
    const mn = this.bits(k, 2);
    k += 2;
    if (mn == 3) {
      if (bc < k + 3) return false;
      if (this.bits(k, 1) != 0) return this.fail("reserved bit set in a metadata header");
      const nbytes = this.bits(k + 1, 2);
      k += 3;
      if (bc < k + nbytes * 8) return false;
      const v = this.bits(k, nbytes * 8);
      if (nbytes > 1 && (v >> ((nbytes - 1) * 8)) == 0) return this.fail("metadata length with a needless zero byte");
      k += nbytes * 8;
      this.drop(k);
      this.isLast = last;
      this.left = nbytes > 0 ? <i32>v + 1 : 0;
      if (!this.alignZero()) return false;
      this.state = S_METADATA;
      return true;
    }
    const nibbles = mn + 4;
    if (bc < k + nibbles * 4) return false;
    const v = this.bits(k, nibbles * 4);
    if (nibbles > 4 && (v >> ((nibbles - 1) * 4)) == 0) return this.fail("meta-block length with a needless zero nibble");
    k += nibbles * 4;
    let uncompressed = false;
    if (!last) {
      if (bc < k + 1) return false;
      uncompressed = this.bits(k, 1) != 0;
      k++;
    }
    this.drop(k);
    this.isLast = last;
    this.mbLeft = <i32>v + 1;
    if (uncompressed) {
      if (!this.alignZero()) return false;
      this.left = this.mbLeft;
      this.state = S_UNCOMPRESSED;
      return true;
    }
    this.ensureTables();
    this.cat = 0;
    this.phase = 0;
    this.state = S_BLOCK_TYPES;
    return true;
  }

  // The header tables of compressed meta-blocks (about 85 KiB), allocated once on first need:
  // a body that is garbage, empty, metadata or uncompressed never pays for them.
  private ensureTables(): void {
    if (this.htab.length > 0) return;
    this.btTab = new StaticArray<u32>(3 * BT_ENTRIES);
    this.bcTab = new StaticArray<u32>(3 * BC_ENTRIES);
    this.cmapL = new StaticArray<u8>(64 * 256);
    this.cmapD = new StaticArray<u8>(4 * 256);
    this.cmTab = new StaticArray<u32>(CM_ENTRIES);
    this.htab = new StaticArray<u32>(HTAB_INITIAL);
  }

  // Metadata bytes: skipped (not output, not part of the window).
  private metadata(): bool {
    while (this.left > 0) {
      if (this.bc >= 8) {
        this.drop(8);
        this.left--;
        continue;
      }
      // bc is 0 here; bits above it are look-ahead of the bytes taken directly below
      this.bb = 0;
      const avail = <i32>(this.inEnd - this.inPtr);
      if (avail == 0) return false;
      const n = min(avail, this.left);
      this.inPtr += <usize>n;
      this.left -= n;
    }
    this.state = S_MB_DONE;
    return true;
  }

  private uncompressed(): bool {
    while (this.left > 0) {
      if (this.pos >= this.nextFlush && !this.makeRoom()) return false;
      const ring = changetype<usize>(this.ring);
      const at = <i32>this.pos & this.ringMask;
      if (this.bc >= 8) {
        store<u8>(ring + <usize>at, <u8>this.bb);
        this.drop(8);
        this.pos++;
        this.left--;
        continue;
      }
      this.bb = 0; // as in metadata(): drop look-ahead bits of the bytes copied directly
      const avail = <i32>(this.inEnd - this.inPtr);
      if (avail == 0) break;
      const n = min(min(avail, this.left), min(this.copyCap, this.ringSize - at));
      memory.copy(ring + <usize>at, this.inPtr, <usize>n);
      this.inPtr += <usize>n;
      this.pos += n;
      this.left -= n;
    }
    this.recentBytes(this.mbLeft - this.left);
    this.mbLeft = this.left;
    if (this.left > 0) return false;
    this.state = S_MB_DONE;
    return true;
  }

  // p1/p2 after n bytes were written other than as literals.
  private recentBytes(n: i32): void {
    if (n <= 0) return;
    const ring = changetype<usize>(this.ring);
    const p = <i32>this.pos;
    if (n >= 2) this.p2 = <u32>load<u8>(ring + <usize>((p - 2) & this.ringMask));
    else this.p2 = this.p1;
    this.p1 = <u32>load<u8>(ring + <usize>((p - 1) & this.ringMask));
  }

  // NBLTYPES, NTREES: 1..256 in 1..11 bits. Returns 0 when the bits are not all there yet.
  private readCount256(): i32 {
    this.fill();
    if (this.bc < 1) return 0;
    if (this.bits(0, 1) == 0) {
      this.drop(1);
      return 1;
    }
    if (this.bc < 4) return 0;
    const n = this.bits(1, 3);
    if (n == 0) {
      this.drop(4);
      return 2;
    }
    if (this.bc < 4 + n) return 0;
    const v = (1 << <i32>n) + 1 + <i32>this.bits(4, n);
    this.drop(4 + n);
    return v;
  }

  private blockTypes(): bool {
    while (this.cat < 3) {
      const c = this.cat;
      if (this.phase == 0) {
        const n = this.readCount256();
        if (n == 0) return false;
        this.nbl[c] = n;
        this.btype[c] = 0;
        this.bprev[c] = 1;
        if (n < 2) {
          this.blen[c] = NO_COUNT;
          this.cat++;
          continue;
        }
        this.beginCode(n + 2, changetype<usize>(this.btTab) + (<usize>(c * BT_ENTRIES) << 2), BT_ENTRIES);
        this.phase = 1;
      }
      if (this.phase == 1) {
        if (!this.readCode()) return false;
        this.beginCode(26, changetype<usize>(this.bcTab) + (<usize>(c * BC_ENTRIES) << 2), BC_ENTRIES);
        this.phase = 2;
      }
      if (this.phase == 2) {
        if (!this.readCode()) return false;
        this.phase = 3;
      }
      const count = this.readBlockCount(c);
      if (count < 0) return false;
      this.blen[c] = count;
      this.phase = 0;
      this.cat++;
    }
    this.state = S_DIST_PARAMS;
    return true;
  }

  // A block count (code + extra bits) of category c; -1 when not all there yet.
  private readBlockCount(c: i32): i32 {
    this.fill();
    const pk = peekSymbol(changetype<usize>(this.bcTab) + (<usize>(c * BC_ENTRIES) << 2), this.bb);
    const len = pk & 255;
    const sym = <i32>(pk >> 8);
    const extra = <u32>unchecked(BLOCK_COUNT_EXTRA[sym]);
    if (this.bc < len + extra) return -1;
    const v = <i32>unchecked(BLOCK_COUNT_BASE[sym]) + <i32>this.bits(len, extra);
    this.drop(len + extra);
    return v;
  }

  private distParams(): bool {
    this.fill();
    if (this.bc < 6) return false;
    this.npostfix = <i32>this.bits(0, 2);
    this.ndirect = <i32>this.bits(2, 4) << this.npostfix;
    this.drop(6);
    this.idx = 0;
    this.state = S_CMODES;
    return true;
  }

  private contextModes(): bool {
    const n = this.nbl[0];
    while (this.idx < n) {
      this.fill();
      if (this.bc < 2) return false;
      unchecked(this.cmode[this.idx] = <u8>this.bits(0, 2));
      this.drop(2);
      this.idx++;
    }
    this.cat = 0; // 0: literal map, 1: distance map
    this.phase = 0;
    this.state = S_CMAP;
    return true;
  }

  // The literal context map, then the distance context map (§7.3).
  private contextMap(): bool {
    while (this.cat < 2) {
      const isLit = this.cat == 0;
      const map = isLit ? changetype<usize>(this.cmapL) : changetype<usize>(this.cmapD);
      const size = isLit ? 64 * this.nbl[0] : 4 * this.nbl[2];
      if (this.phase == 0) {
        const n = this.readCount256();
        if (n == 0) return false;
        if (isLit) this.ntreesL = n;
        else this.ntreesD = n;
        if (n < 2) {
          memory.fill(map, 0, <usize>size);
          this.cat++;
          continue;
        }
        this.phase = 1;
      }
      const ntrees = isLit ? this.ntreesL : this.ntreesD;
      if (this.phase == 1) {
        this.fill();
        if (this.bc < 1) return false;
        if (this.bits(0, 1) == 0) {
          this.rlemax = 0;
          this.drop(1);
        } else {
          if (this.bc < 5) return false;
          this.rlemax = <i32>this.bits(1, 4) + 1;
          this.drop(5);
        }
        this.beginCode(ntrees + this.rlemax, changetype<usize>(this.cmTab), CM_ENTRIES);
        this.phase = 2;
      }
      if (this.phase == 2) {
        if (!this.readCode()) return false;
        this.idx = 0;
        this.phase = 3;
      }
      if (this.phase == 3) {
        const t = changetype<usize>(this.cmTab);
        const rlemax = this.rlemax;
        while (this.idx < size) {
          this.fill();
          const pk = peekSymbol(t, this.bb);
          const len = pk & 255;
          const sym = <i32>(pk >> 8);
          if (sym == 0 || sym > rlemax) {
            if (this.bc < len) return false;
            this.drop(len);
            store<u8>(map + <usize>this.idx, <u8>(sym == 0 ? 0 : sym - rlemax));
            this.idx++;
            continue;
          }
          if (this.bc < len + <u32>sym) return false;
          const run = (1 << sym) + <i32>this.bits(len, <u32>sym);
          if (this.idx + run > size) return this.fail("context map run past the end of the map");
          this.drop(len + <u32>sym);
          memory.fill(map + <usize>this.idx, 0, <usize>run);
          this.idx += run;
        }
        this.phase = 4;
      }
      this.fill();
      if (this.bc < 1) return false;
      const imtf = this.bits(0, 1) != 0;
      this.drop(1);
      if (imtf) inverseMoveToFront(map, size);
      this.phase = 0;
      this.cat++;
    }
    this.idx = 0;
    this.htUsed = 0;
    this.state = S_TREES;
    return true;
  }

  // NTREESL literal codes, NBLTYPESI insert-and-copy codes, NTREESD distance codes.
  private trees(): bool {
    const nl = this.ntreesL;
    const ni = this.nbl[1];
    const total = nl + ni + this.ntreesD;
    while (this.idx < total) {
      const i = this.idx;
      if (this.hPhase == H_IDLE) {
        const alphabet = i < nl ? 256 : i < nl + ni ? 704 : 16 + this.ndirect + (48 << this.npostfix);
        const cap = tableEntries(alphabet);
        this.reserveTables(cap);
        this.beginCode(alphabet, changetype<usize>(this.htab) + (<usize>this.htUsed << 2), cap);
      }
      if (!this.readCode()) return false;
      if (i < nl) unchecked(this.litOff[i] = <u32>this.htUsed);
      else if (i < nl + ni) unchecked(this.cmdOff[i - nl] = <u32>this.htUsed);
      else unchecked(this.distOff[i - nl - ni] = <u32>this.htUsed);
      this.htUsed += this.hUsed;
      this.idx++;
    }
    // first blocks: type 0 everywhere
    this.litLut = changetype<usize>(CONTEXT_LUT) + (<usize>unchecked(this.cmode[0]) << 9);
    this.litMap = changetype<usize>(this.cmapL);
    this.cphase = C_CMD;
    this.state = S_COMMANDS;
    return true;
  }

  // Room for `more` entries after htUsed; growth keeps the tables already built.
  private reserveTables(more: i32): void {
    const need = this.htUsed + more;
    if (need <= this.htab.length) return;
    let cap = this.htab.length * 2;
    while (cap < need) cap *= 2;
    const next = new StaticArray<u32>(cap);
    memory.copy(changetype<usize>(next), changetype<usize>(this.htab), <usize>this.htUsed << 2);
    this.htab = next;
  }

  // ---- prefix codes (§3.4, §3.5) ----

  private beginCode(alphabet: i32, table: usize, capacity: i32): void {
    this.hPhase = H_START;
    this.hAlphabet = alphabet;
    this.hTable = table;
    this.hCapacity = capacity;
  }

  // Reads the prefix code begun by beginCode into its table. True when done (hUsed = entries);
  // false when waiting for input or on an error (state S_ERROR).
  private readCode(): bool {
    const alphabet = this.hAlphabet;
    if (this.hPhase == H_START) {
      this.fill();
      if (this.bc < 2) return false;
      const hskip = <i32>this.bits(0, 2);
      if (hskip == 1) return this.simpleCode();
      this.drop(2);
      for (let i = 0; i < 18; i++) unchecked(this.clLens[i] = 0);
      this.hIdx = hskip;
      this.hSpace = 32;
      this.hNum = 0;
      this.hPhase = H_CODE_LENGTHS;
    }
    if (this.hPhase == H_CODE_LENGTHS) {
      while (this.hIdx < 18) {
        this.fill();
        const i4 = <i32>this.bits(0, 4);
        const len = <u32>unchecked(CODE_LENGTH_CODE_BITS[i4]);
        if (this.bc < len) return false;
        const v = <i32>unchecked(CODE_LENGTH_CODE_VALUE[i4]);
        this.drop(len);
        unchecked(this.clLens[unchecked(CODE_LENGTH_ORDER[this.hIdx])] = <u8>v);
        this.hIdx++;
        if (v != 0) {
          this.hSpace -= 32 >> v;
          this.hNum++;
          if (this.hSpace <= 0) break;
        }
      }
      if (this.hNum != 1 && this.hSpace != 0) return this.fail("invalid code length code");
      const cl = changetype<usize>(this.clTab);
      if (this.hNum == 1) {
        let sym = 0;
        for (let i = 0; i < 18; i++) if (unchecked(this.clLens[i]) != 0) sym = i;
        buildSingle(sym, cl);
      } else {
        buildCode(changetype<usize>(this.clLens), 18, cl, 256);
      }
      memory.fill(changetype<usize>(this.lens), 0, <usize>alphabet);
      this.hIdx = 0;
      this.hSpace = 32768;
      this.hPrevLen = 8;
      this.hRepeat = 0;
      this.hRepeatLen = 0;
      this.hPhase = H_SYMBOL_LENGTHS;
    }
    // H_SYMBOL_LENGTHS
    const cl = changetype<usize>(this.clTab);
    const lens = changetype<usize>(this.lens);
    while (this.hIdx < alphabet && this.hSpace > 0) {
      this.fill();
      const pk = peekSymbol(cl, this.bb);
      const len = pk & 255;
      const v = <i32>(pk >> 8);
      if (v < 16) {
        if (this.bc < len) return false;
        this.drop(len);
        store<u8>(lens + <usize>this.hIdx, <u8>v);
        this.hIdx++;
        this.hRepeat = 0;
        if (v != 0) {
          this.hPrevLen = v;
          this.hSpace -= 32768 >> v;
        }
        continue;
      }
      const extraBits: u32 = v == 16 ? 2 : 3;
      if (this.bc < len + extraBits) return false;
      const x = <i32>this.bits(len, extraBits);
      const newLen = v == 16 ? this.hPrevLen : 0;
      if (this.hRepeatLen != newLen) {
        this.hRepeat = 0;
        this.hRepeatLen = newLen;
      }
      const old = this.hRepeat;
      let rep = old;
      if (rep > 0) rep = (rep - 2) << extraBits;
      rep += x + 3;
      const delta = rep - old;
      if (this.hIdx + delta > alphabet) return this.fail("code length repeat past the end of the alphabet");
      this.drop(len + extraBits);
      this.hRepeat = rep;
      memory.fill(lens + <usize>this.hIdx, <u8>newLen, <usize>delta);
      this.hIdx += delta;
      if (newLen != 0) this.hSpace -= delta * (32768 >> newLen);
    }
    if (this.hSpace != 0) return this.fail("invalid prefix code (code lengths do not add up)");
    const used = buildCode(lens, this.hIdx, this.hTable, this.hCapacity);
    if (used < 0) return this.fail("prefix code table overflow");
    this.hUsed = used;
    this.hPhase = H_IDLE;
    return true;
  }

  private simpleCode(): bool {
    const alphabet = this.hAlphabet;
    const abits = <u32>(32 - clz<i32>(alphabet - 1));
    const nsym = <i32>this.bits(2, 2) + 1;
    const total: u32 = 4 + <u32>nsym * abits + <u32>(nsym == 4 ? 1 : 0);
    if (this.bc < total) return false;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = 0; i < nsym; i++) {
      const s = <i32>this.bits(4 + <u32>i * abits, abits);
      if (s >= alphabet) return this.fail("simple prefix code symbol out of range");
      if (i == 0) s0 = s;
      else if (i == 1) s1 = s;
      else if (i == 2) s2 = s;
      else s3 = s;
    }
    const dup = (nsym > 1 && s1 == s0) || (nsym > 2 && (s2 == s0 || s2 == s1)) || (nsym > 3 && (s3 == s0 || s3 == s1 || s3 == s2));
    if (dup) return this.fail("simple prefix code repeats a symbol");
    const treeSelect = nsym == 4 && this.bits(4 + 4 * abits, 1) != 0;
    this.drop(total);
    if (nsym == 1) {
      this.hUsed = buildSingle(s0, this.hTable);
    } else {
      let top = max(max(s0, s1), max(s2, s3));
      const lens = changetype<usize>(this.lens);
      memory.fill(lens, 0, <usize>(top + 1));
      if (nsym == 2) {
        store<u8>(lens + <usize>s0, 1);
        store<u8>(lens + <usize>s1, 1);
      } else if (nsym == 3) {
        store<u8>(lens + <usize>s0, 1);
        store<u8>(lens + <usize>s1, 2);
        store<u8>(lens + <usize>s2, 2);
      } else if (!treeSelect) {
        store<u8>(lens + <usize>s0, 2);
        store<u8>(lens + <usize>s1, 2);
        store<u8>(lens + <usize>s2, 2);
        store<u8>(lens + <usize>s3, 2);
      } else {
        store<u8>(lens + <usize>s0, 1);
        store<u8>(lens + <usize>s1, 2);
        store<u8>(lens + <usize>s2, 3);
        store<u8>(lens + <usize>s3, 3);
      }
      this.hUsed = buildCode(lens, top + 1, this.hTable, this.hCapacity);
    }
    this.hPhase = H_IDLE;
    return true;
  }

  // ---- commands (§9.3) ----

  // Block switch for category c (§6) when its count ran out: type symbol, then count. False when
  // waiting for input.
  private switchBlock(c: i32): bool {
    if (unchecked(this.blen[c]) == 0) {
      this.fill();
      const pk = peekSymbol(changetype<usize>(this.btTab) + (<usize>(c * BT_ENTRIES) << 2), this.bb);
      const len = pk & 255;
      if (this.bc < len) return false;
      this.drop(len);
      const sym = <i32>(pk >> 8);
      const n = unchecked(this.nbl[c]);
      const cur = unchecked(this.btype[c]);
      let t = sym == 0 ? unchecked(this.bprev[c]) : sym == 1 ? cur + 1 : sym - 2;
      if (t >= n) t -= n;
      unchecked(this.bprev[c] = cur);
      unchecked(this.btype[c] = t);
      unchecked(this.blen[c] = -1);
      if (c == 0) {
        this.litLut = changetype<usize>(CONTEXT_LUT) + (<usize>unchecked(this.cmode[t]) << 9);
        this.litMap = changetype<usize>(this.cmapL) + (<usize>t << 6);
      }
    }
    const count = this.readBlockCount(c);
    if (count < 0) return false;
    unchecked(this.blen[c] = count);
    return true;
  }

  private commands(): bool {
    while (true) {
      const ph = this.cphase;
      if (ph == C_LITERALS) {
        if (!this.literals()) return false;
        if (this.mbLeft == 0) break; // the copy of the last command is ignored
        this.cphase = C_DIST;
        continue;
      }
      if (ph == C_COPY) {
        if (!this.copy()) return false;
        if (this.mbLeft == 0) break;
        this.cphase = C_CMD;
        continue;
      }
      if (ph == C_CMD) {
        if (this.nbl[1] > 1 && this.blen[1] <= 0 && !this.switchBlock(1)) return false;
        this.fill();
        const t = changetype<usize>(this.htab) + (<usize>unchecked(this.cmdOff[this.btype[1]]) << 2);
        const pk = peekSymbol(t, this.bb);
        const len = pk & 255;
        if (this.bc < len) return false;
        this.drop(len);
        this.blen[1]--;
        const sym = <i32>(pk >> 8);
        const cell = sym >> 6;
        this.insCode = <i32>unchecked(CELL_INSERT[cell]) + ((sym >> 3) & 7);
        this.copyCode = <i32>unchecked(CELL_COPY[cell]) + (sym & 7);
        this.implicitDist = cell < 2;
        this.cphase = C_EXTRA;
      }
      if (this.cphase == C_EXTRA) {
        this.fill();
        const ie = <u32>unchecked(INSERT_EXTRA[this.insCode]);
        const ce = <u32>unchecked(COPY_EXTRA[this.copyCode]);
        if (this.bc < ie + ce) return false;
        const ins = <i32>unchecked(INSERT_BASE[this.insCode]) + <i32>this.bits(0, ie);
        const cpy = <i32>unchecked(COPY_BASE[this.copyCode]) + <i32>this.bits(ie, ce);
        if (ins > this.mbLeft) return this.fail("insert length past the end of the meta-block");
        this.drop(ie + ce);
        this.insLeft = ins;
        this.copyLen = cpy;
        this.cphase = ins > 0 ? C_LITERALS : C_DIST;
        continue;
      }
      // C_DIST
      if (!this.distance()) return false;
      if (this.state != S_COMMANDS) return false;
      if (this.cphase == C_CMD && this.mbLeft == 0) break; // ended with a dictionary word
    }
    this.state = S_MB_DONE;
    return true;
  }

  // Literals of the current command; false when waiting (or stopped at the output limit).
  private literals(): bool {
    let ring = changetype<usize>(this.ring);
    let mask = this.ringMask;
    const ht = changetype<usize>(this.htab);
    const lo = changetype<usize>(this.litOff);
    const multi = this.nbl[0] > 1;
    let p1 = this.p1;
    let p2 = this.p2;
    let ok = true;
    while (this.insLeft > 0) {
      if (this.pos >= this.nextFlush) {
        this.p1 = p1;
        this.p2 = p2;
        if (!this.makeRoom()) return false;
        ring = changetype<usize>(this.ring);
        mask = this.ringMask;
      }
      if (multi && unchecked(this.blen[0]) <= 0 && !this.switchBlock(0)) {
        ok = false;
        break;
      }
      this.fill();
      const ctx = <usize>(load<u8>(this.litLut + <usize>p1) | load<u8>(this.litLut + 256 + <usize>p2));
      const tree = <usize>load<u8>(this.litMap + ctx);
      const t = ht + (<usize>load<u32>(lo + (tree << 2)) << 2);
      const pk = peekSymbol(t, this.bb);
      const len = pk & 255;
      if (this.bc < len) {
        ok = false;
        break;
      }
      this.drop(len);
      const b = pk >> 8;
      store<u8>(ring + <usize>(<i32>this.pos & mask), <u8>b);
      this.pos++;
      p2 = p1;
      p1 = b;
      this.insLeft--;
      this.mbLeft--;
      unchecked(this.blen[0] = unchecked(this.blen[0]) - 1);
    }
    this.p1 = p1;
    this.p2 = p2;
    return ok;
  }

  // The distance of the current command, then a dictionary word or the start of a copy.
  private distance(): bool {
    let d: i32;
    let code = 0;
    if (this.implicitDist) {
      d = unchecked(this.dist[(this.distIdx - 1) & 3]);
    } else {
      if (this.nbl[2] > 1 && this.blen[2] <= 0 && !this.switchBlock(2)) return false;
      this.fill();
      const cl = this.copyLen;
      const dctx = cl > 4 ? 3 : cl - 2;
      const tree = <i32>load<u8>(changetype<usize>(this.cmapD) + <usize>((this.btype[2] << 2) + dctx));
      const t = changetype<usize>(this.htab) + (<usize>unchecked(this.distOff[tree]) << 2);
      const pk = peekSymbol(t, this.bb);
      const len = pk & 255;
      code = <i32>(pk >> 8);
      const nd = this.ndirect;
      if (code < 16 + nd) {
        if (this.bc < len) return false;
        if (code < 16) {
          d = this.shortDistance(code);
          if (d <= 0) return this.fail("distance code resolves to a distance below 1");
        } else {
          d = code - 15;
        }
        this.drop(len);
      } else {
        const np = this.npostfix;
        const c = code - nd - 16;
        const nbits = 1 + (c >> (np + 1));
        if (this.bc < len + <u32>nbits) return false;
        const extra = <i32>this.bits(len, <u32>nbits);
        const hcode = c >> np;
        const lcode = c & ((1 << np) - 1);
        const offset = ((2 + (hcode & 1)) << nbits) - 4;
        d = ((offset + extra) << np) + lcode + nd + 1;
        this.drop(len + <u32>nbits);
      }
      this.blen[2]--;
    }
    const maxDist = min<i64>(<i64>this.windowSize, this.pos);
    if (<i64>d > maxDist) return this.dictionaryWord(<i64>d - maxDist - 1);
    if (d > this.windowCap - 16) return this.fail("back-reference " + d.toString() + " bytes back, beyond the filter's window limit of " + (this.windowCap - 16).toString() + " bytes");
    if (this.copyLen > this.mbLeft) return this.fail("copy length past the end of the meta-block");
    if (code != 0) {
      unchecked(this.dist[this.distIdx & 3] = d);
      this.distIdx++;
    }
    this.copyDist = d;
    this.copyLeft = this.copyLen;
    this.mbLeft -= this.copyLen;
    this.cphase = C_COPY;
    return true;
  }

  private shortDistance(code: i32): i32 {
    const i = this.distIdx;
    if (code < 4) return unchecked(this.dist[(i - 1 - code) & 3]);
    const base = code < 10 ? unchecked(this.dist[(i - 1) & 3]) : unchecked(this.dist[(i - 2) & 3]);
    const k = code < 10 ? code - 4 : code - 10;
    const delta = (k >> 1) + 1;
    return (k & 1) == 0 ? base - delta : base + delta;
  }

  // A static dictionary reference (§8): word `wordId` of length copyLen, transformed.
  private dictionaryWord(wordId: i64): bool {
    const len = this.copyLen;
    if (len < 4 || len > 24) return this.fail("dictionary reference with length " + len.toString() + " (must be 4..24)");
    const nd = <i32>unchecked(NDBITS[len]);
    const tid = wordId >> nd;
    if (tid >= TRANSFORM_COUNT) return this.fail("dictionary reference with an unknown transform");
    const index = <i32>wordId & ((1 << nd) - 1);
    const src = DICTIONARY + <usize>unchecked(DOFFSET[len]) + <usize>(index * len);
    const w = changetype<usize>(this.word);
    const n = transformWord(w, src, len, <i32>tid);
    if (n > this.mbLeft) return this.fail("dictionary word past the end of the meta-block");
    if (this.pos >= this.nextFlush && !this.makeRoom()) return false;
    const ring = changetype<usize>(this.ring);
    const mask = this.ringMask;
    const p = <i32>this.pos;
    for (let i = 0; i < n; i++) store<u8>(ring + <usize>((p + i) & mask), load<u8>(w + <usize>i));
    this.pos += n;
    this.mbLeft -= n;
    this.recentBytes(n);
    this.cphase = C_CMD;
    return true;
  }

  // Copies copyLeft bytes from copyDist back, in pieces of at most copyCap with flush checks.
  private copy(): bool {
    const dist = this.copyDist;
    const total = this.copyLeft;
    while (this.copyLeft > 0) {
      if (this.pos >= this.nextFlush && !this.makeRoom()) return false;
      const ring = changetype<usize>(this.ring);
      const mask = this.ringMask;
      const r = this.ringSize;
      const n = min(this.copyLeft, this.copyCap);
      const dst = <i32>this.pos & mask;
      const src = (dst - dist) & mask;
      if (dist >= 8 && dst + n + 8 <= r && src + n + 8 <= r) {
        // word copy; may write up to 7 bytes past the piece (room: see the memory notes)
        let dp = ring + <usize>dst;
        let sp = ring + <usize>src;
        const end = dp + <usize>n;
        do {
          store<u64>(dp, load<u64>(sp));
          dp += 8;
          sp += 8;
        } while (dp < end);
      } else {
        for (let i = 0; i < n; i++) {
          store<u8>(ring + <usize>((dst + i) & mask), load<u8>(ring + <usize>((src + i) & mask)));
        }
      }
      this.pos += n;
      this.copyLeft -= n;
    }
    this.recentBytes(total);
    return true;
  }

  // ---- output ----

  private setRingSize(r: i32): void {
    this.ringSize = r;
    this.ringMask = r - 1;
    this.copyCap = r >> 2;
    this.setNextFlush();
  }

  // Called when pos reached nextFlush, before writing: flushes, then, while the ring is below its
  // full size, doubles it until pos <= R/4 - 64 (setNextFlush keeps the next check at or below
  // R/4 - 63 until full size, and one item writes at most max(R/4, 38) bytes: no wrap). Before
  // the ring reaches full size it has never wrapped, so growing copies [0, pos) as it is.
  // False when the output limit stopped decoding.
  private makeRoom(): bool {
    this.flush();
    if (this.state == S_STOPPED) return false;
    let r = this.ringSize;
    while (r < this.ringMax && <i64>((r >> 2) - 64) < this.pos) r <<= 1;
    if (r == this.ringSize) return true;
    if (this.ring.length < r) {
      const next = new StaticArray<u8>(r);
      memory.copy(changetype<usize>(next), changetype<usize>(this.ring), <usize>this.pos);
      this.ring = next;
    }
    this.setRingSize(r);
    return true;
  }

  // The next check: half a ring of output, the output limit, and, while the ring is below full
  // size, the point where it must grow (however the last flush came about, e.g. at a feed's end).
  private setNextFlush(): void {
    const room = this.outputLimit - this.totalOut;
    const half = <i64>(this.ringSize >> 1);
    let next = this.flushed + (room < half ? max<i64>(room, 0) + 1 : half);
    if (this.ringSize < this.ringMax) next = min<i64>(next, <i64>((this.ringSize >> 2) - 63));
    this.nextFlush = next;
  }

  // Hands [flushed, pos) to the sink, stopping at the output limit.
  private flush(): void {
    const n = this.pos - this.flushed;
    if (n <= 0) return;
    let emit = n;
    const room = this.outputLimit - this.totalOut;
    if (n > room) {
      emit = max<i64>(room, 0);
      this.truncated = true;
      if (this.state != S_ERROR) this.state = S_STOPPED;
    }
    if (emit > 0) {
      const ring = changetype<usize>(this.ring);
      const start = <i32>this.flushed & this.ringMask;
      const first = <i32>min<i64>(emit, <i64>(this.ringSize - start));
      this.sink!.write(ring + <usize>start, first);
      if (<i64>first < emit) this.sink!.write(ring, <i32>emit - first);
    }
    this.totalOut += emit;
    this.flushed = this.pos;
    this.setNextFlush();
  }
}

// The inverse move-to-front transform of a context map (§7.3), in place.
const mtf = new StaticArray<u8>(256);
function inverseMoveToFront(map: usize, size: i32): void {
  for (let i = 0; i < 256; i++) unchecked(mtf[i] = <u8>i);
  const m = changetype<usize>(mtf);
  for (let i = 0; i < size; i++) {
    const index = <usize>load<u8>(map + <usize>i);
    const value = load<u8>(m + index);
    store<u8>(map + <usize>i, value);
    if (index > 0) memory.copy(m + 1, m, index);
    store<u8>(m, value);
  }
}
