// SHA-256 (FIPS 180-4 §6.2), streaming, for report styles (spec §8.3) and token hashing.
//
// Layout of one Sha256 (all in one managed object, no allocation after construction):
//   state  8 × u32   working hash H0..H7
//   block  64 bytes  the partial block not yet compressed
//   w      64 × u32  message schedule, reused by every compression
// Cost: one compression per 64 input bytes; `update` copies at most 63 bytes per call into
// `block`, hashing whole blocks straight from the caller's memory.

// Round constants: the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes (FIPS 180-4 §4.2.2).
const K: StaticArray<u32> = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

export class Sha256 {
  private state: StaticArray<u32> = new StaticArray<u32>(8);
  private block: StaticArray<u8> = new StaticArray<u8>(64);
  private w: StaticArray<u32> = new StaticArray<u32>(64);
  private buffered: i32 = 0;
  private total: u64 = 0;

  constructor() { this.reset(); }

  reset(): void {
    const s = this.state;
    // Initial hash value (FIPS 180-4 §5.3.3): fractional parts of the square roots of the first 8 primes.
    unchecked(s[0] = 0x6a09e667); unchecked(s[1] = 0xbb67ae85); unchecked(s[2] = 0x3c6ef372); unchecked(s[3] = 0xa54ff53a);
    unchecked(s[4] = 0x510e527f); unchecked(s[5] = 0x9b05688c); unchecked(s[6] = 0x1f83d9ab); unchecked(s[7] = 0x5be0cd19);
    this.buffered = 0;
    this.total = 0;
  }

  /** Hashes `length` bytes at `ptr` (linear memory). */
  update(ptr: usize, length: i32): void {
    if (length <= 0) return;
    this.total += <u64>length;
    let at = 0;
    const blockPtr = changetype<usize>(this.block);
    if (this.buffered > 0) {
      const take = min(64 - this.buffered, length);
      memory.copy(blockPtr + <usize>this.buffered, ptr, <usize>take);
      this.buffered += take;
      at = take;
      if (this.buffered < 64) return;
      this.compress(blockPtr);
      this.buffered = 0;
    }
    while (length - at >= 64) {
      this.compress(ptr + <usize>at);
      at += 64;
    }
    if (at < length) {
      memory.copy(blockPtr, ptr + <usize>at, <usize>(length - at));
      this.buffered = length - at;
    }
  }

  updateBytes(bytes: Uint8Array): void { this.update(bytes.dataStart, bytes.length); }
  updateString(text: string): void { this.updateBytes(Uint8Array.wrap(String.UTF8.encode(text))); }

  /** Finishes and writes the 32-byte digest into `out`; the hasher is reset afterwards. */
  digestInto(out: StaticArray<u8>): void {
    const blockPtr = changetype<usize>(this.block);
    const bitLength = this.total << 3;
    store<u8>(blockPtr + <usize>this.buffered, 0x80);
    this.buffered++;
    if (this.buffered > 56) {
      memory.fill(blockPtr + <usize>this.buffered, 0, <usize>(64 - this.buffered));
      this.compress(blockPtr);
      this.buffered = 0;
    }
    memory.fill(blockPtr + <usize>this.buffered, 0, <usize>(56 - this.buffered));
    store<u64>(blockPtr + 56, bswap<u64>(bitLength));
    this.compress(blockPtr);
    for (let i = 0; i < 8; i++) store<u32>(changetype<usize>(out) + <usize>(i << 2), bswap<u32>(unchecked(this.state[i])));
    this.reset();
  }

  digest(): StaticArray<u8> {
    const out = new StaticArray<u8>(32);
    this.digestInto(out);
    return out;
  }

  private compress(ptr: usize): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) unchecked(w[t] = bswap<u32>(load<u32>(ptr + <usize>(t << 2))));
    for (let t = 16; t < 64; t++) {
      const w15 = unchecked(w[t - 15]);
      const w2 = unchecked(w[t - 2]);
      const s0 = rotr<u32>(w15, 7) ^ rotr<u32>(w15, 18) ^ (w15 >>> 3);
      const s1 = rotr<u32>(w2, 17) ^ rotr<u32>(w2, 19) ^ (w2 >>> 10);
      unchecked(w[t] = unchecked(w[t - 16]) + s0 + unchecked(w[t - 7]) + s1);
    }
    const s = this.state;
    let a = unchecked(s[0]), b = unchecked(s[1]), c = unchecked(s[2]), d = unchecked(s[3]);
    let e = unchecked(s[4]), f = unchecked(s[5]), g = unchecked(s[6]), h = unchecked(s[7]);
    for (let t = 0; t < 64; t++) {
      const t1 = h + (rotr<u32>(e, 6) ^ rotr<u32>(e, 11) ^ rotr<u32>(e, 25)) + ((e & f) ^ (~e & g)) + unchecked(K[t]) + unchecked(w[t]);
      const t2 = (rotr<u32>(a, 2) ^ rotr<u32>(a, 13) ^ rotr<u32>(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
      h = g; g = f; f = e; e = d + t1;
      d = c; c = b; b = a; a = t1 + t2;
    }
    unchecked(s[0] += a); unchecked(s[1] += b); unchecked(s[2] += c); unchecked(s[3] += d);
    unchecked(s[4] += e); unchecked(s[5] += f); unchecked(s[6] += g); unchecked(s[7] += h);
  }
}

const HEX = "0123456789ABCDEF";

/** Uppercase hex of the first `bytes` digest bytes (spec §8.3 reports uppercase). */
export function toHex(digest: StaticArray<u8>, bytes: i32 = 32): string {
  let out = "";
  for (let i = 0; i < bytes; i++) {
    const b = <i32>unchecked(digest[i]);
    out += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return out;
}

/**
 * The partial_sha256 report value (spec §8.3): the first ⌈bits/8⌉ digest bytes as uppercase
 * hex, with the bits past `bits` set to zero. `bits` is clamped to 1–256.
 */
export function partialHex(digest: StaticArray<u8>, bits: i32): string {
  const kept = max(1, min(256, bits));
  const bytes = (kept + 7) >> 3;
  const copy = new StaticArray<u8>(32);
  for (let i = 0; i < bytes; i++) unchecked(copy[i] = digest[i]);
  const spare = (bytes << 3) - kept;
  if (spare > 0) unchecked(copy[bytes - 1] = <u8>(<i32>copy[bytes - 1] & (0xff << spare)));
  return toHex(copy, bytes);
}

export function sha256Hex(text: string): string {
  const h = new Sha256();
  h.updateString(text);
  return toHex(h.digest());
}
