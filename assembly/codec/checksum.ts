// Checksums of the deflate wrappers: CRC-32 (gzip, RFC 1952 §8; reflected polynomial 0xEDB88320)
// and Adler-32 (zlib, RFC 1950 §9).

// CRC-32, "slicing by 8": table k (256 u32 at offset k*256) gives the CRC contribution of a byte
// followed by k zero bytes, so 8 input bytes are folded per step with 8 independent loads.
// 8 KiB, built on first use.
let crcTable: StaticArray<u32> | null = null;

function crcTablePtr(): usize {
  let t = crcTable;
  if (t == null) {
    t = new StaticArray<u32>(8 * 256);
    for (let n: u32 = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
      unchecked(t[n] = c);
    }
    for (let n = 0; n < 256; n++) {
      let c = unchecked(t[n]);
      for (let k = 1; k < 8; k++) {
        c = unchecked(t[c & 255]) ^ (c >> 8);
        unchecked(t[k * 256 + n] = c);
      }
    }
    crcTable = t;
  }
  return changetype<usize>(t);
}

// Continues a CRC-32 (start with 0) over len bytes at ptr.
export function crc32Update(crc: u32, ptr: usize, len: i32): u32 {
  const t = crcTablePtr();
  let c = ~crc;
  let p = ptr;
  const end = ptr + <usize>len;
  while (p + 8 <= end) {
    const lo = c ^ load<u32>(p);
    const hi = load<u32>(p, 4);
    // table k starts k KiB into the tables: a constant offset folded into each load
    c = load<u32>(t + (<usize>(lo & 255) << 2), 7 << 10)
      ^ load<u32>(t + (<usize>((lo >> 8) & 255) << 2), 6 << 10)
      ^ load<u32>(t + (<usize>((lo >> 16) & 255) << 2), 5 << 10)
      ^ load<u32>(t + (<usize>(lo >> 24) << 2), 4 << 10)
      ^ load<u32>(t + (<usize>(hi & 255) << 2), 3 << 10)
      ^ load<u32>(t + (<usize>((hi >> 8) & 255) << 2), 2 << 10)
      ^ load<u32>(t + (<usize>((hi >> 16) & 255) << 2), 1 << 10)
      ^ load<u32>(t + (<usize>(hi >> 24) << 2));
    p += 8;
  }
  while (p < end) {
    c = load<u32>(t + (<usize>((c ^ <u32>load<u8>(p)) & 255) << 2)) ^ (c >> 8);
    p++;
  }
  return ~c;
}

// Continues an Adler-32 (start with 1) over len bytes at ptr. The sums are reduced modulo 65521
// every 5552 bytes, the most that cannot overflow 32 bits.
export function adler32Update(adler: u32, ptr: usize, len: i32): u32 {
  let a = adler & 0xffff;
  let b = adler >> 16;
  let p = ptr;
  let left = len;
  while (left > 0) {
    const n = min(left, 5552);
    left -= n;
    const end = p + <usize>n;
    while (p < end) {
      a += <u32>load<u8>(p);
      b += a;
      p++;
    }
    a %= 65521;
    b %= 65521;
  }
  return (b << 16) | a;
}

// CRC-32 of one more byte (gzip header fields, read a byte at a time).
export function crc32Byte(crc: u32, b: u32): u32 {
  const t = crcTablePtr();
  const c = ~crc;
  return ~(load<u32>(t + (<usize>((c ^ b) & 255) << 2)) ^ (c >> 8));
}
