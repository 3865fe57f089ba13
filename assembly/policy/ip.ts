// IP addresses and CIDR ranges (spec §6.1 `ip`, §6.7 `blocked_ips`), parsed at load into 16
// bytes plus a prefix length, so a runtime test is a masked byte compare. IPv4 is kept as
// its 4 bytes (v6 = false); an IPv4-mapped IPv6 address is not folded into IPv4.

export class IpRange {
  v6: bool = false;
  /** Network bytes: 4 used for IPv4, 16 for IPv6; bits past `prefix` are zero. */
  bytes: Uint8Array = new Uint8Array(16);
  prefix: i32 = 0;

  get width(): i32 {
    return this.v6 ? 16 : 4;
  }

  /** Does `addr` (a single address) fall in this range? */
  contains(addr: IpRange): bool {
    if (addr.v6 != this.v6) return false;
    let bits = this.prefix;
    for (let i = 0; i < this.width && bits > 0; i++) {
      const maskBits: i32 = bits >= 8 ? 0xff : (<i32>0xff << (8 - bits)) & 0xff;
      const mask = <u8>maskBits;
      if ((addr.bytes[i] & mask) != this.bytes[i]) return false;
      bits -= 8;
    }
    return true;
  }
}

/** `a.b.c.d`, an IPv6 address (with `::` and a trailing dotted quad), either with an
 *  optional `/prefix`. Null if malformed. Host bits of a CIDR are cleared. */
export function parseIpRange(text: string): IpRange | null {
  const s = text.trim();
  const slash = s.indexOf("/");
  const addrText = slash >= 0 ? s.substring(0, slash) : s;
  const r = new IpRange();
  if (addrText.includes(":")) {
    r.v6 = true;
    if (!parseV6(addrText, r.bytes)) return null;
  } else if (!parseV4(addrText, r.bytes, 0)) return null;
  const maxPrefix = r.v6 ? 128 : 32;
  r.prefix = maxPrefix;
  if (slash >= 0) {
    const p = s.substring(slash + 1);
    if (!isDecimal(p, 3)) return null;
    const v = I32.parseInt(p);
    if (v > maxPrefix) return null;
    r.prefix = v;
  }
  let bits = r.prefix;
  for (let i = 0; i < 16; i++) {
    if (bits >= 8) { bits -= 8; continue; }
    const keep: i32 = (<i32>0xff << (8 - bits)) & 0xff;
    r.bytes[i] = r.bytes[i] & <u8>keep;
    bits = 0;
  }
  return r;
}

function isDecimal(s: string, maxLen: i32): bool {
  if (s.length == 0 || s.length > maxLen) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function parseV4(s: string, out: Uint8Array, at: i32): bool {
  const parts = s.split(".");
  if (parts.length != 4) return false;
  for (let i = 0; i < 4; i++) {
    if (!isDecimal(parts[i], 3)) return false;
    const v = I32.parseInt(parts[i]);
    if (v > 255) return false;
    out[at + i] = <u8>v;
  }
  return true;
}

function parseV6(s: string, out: Uint8Array): bool {
  const dbl = s.indexOf("::");
  if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return false;
  const head = dbl >= 0 ? s.substring(0, dbl) : s;
  const tail = dbl >= 0 ? s.substring(dbl + 2) : "";
  const headGroups = head.length > 0 ? head.split(":") : new Array<string>();
  const tailGroups = tail.length > 0 ? tail.split(":") : new Array<string>();
  const words = new Array<i32>();
  const tailWords = new Array<i32>();
  if (!groupsToWords(headGroups, words, dbl < 0)) return false;
  if (!groupsToWords(tailGroups, tailWords, true)) return false;
  const total = words.length + tailWords.length;
  if (dbl < 0 ? total != 8 : total > 7) return false;
  for (let i = 0; i < words.length; i++) { out[i * 2] = <u8>(words[i] >> 8); out[i * 2 + 1] = <u8>words[i]; }
  const start = 8 - tailWords.length;
  for (let i = 0; i < tailWords.length; i++) { out[(start + i) * 2] = <u8>(tailWords[i] >> 8); out[(start + i) * 2 + 1] = <u8>tailWords[i]; }
  return true;
}

/** Hex groups into 16-bit words; the last group may be a dotted quad when `lastMayBeV4`. */
function groupsToWords(groups: Array<string>, words: Array<i32>, lastMayBeV4: bool): bool {
  for (let i = 0; i < groups.length; i++) {
    const g = groups[i];
    if (i == groups.length - 1 && lastMayBeV4 && g.includes(".")) {
      const quad = new Uint8Array(4);
      if (!parseV4(g, quad, 0)) return false;
      words.push((<i32>quad[0] << 8) | quad[1]);
      words.push((<i32>quad[2] << 8) | quad[3]);
      continue;
    }
    if (g.length == 0 || g.length > 4) return false;
    let v = 0;
    for (let k = 0; k < g.length; k++) {
      const c = g.charCodeAt(k);
      let d: i32;
      if (c >= 0x30 && c <= 0x39) d = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) d = c - 0x61 + 10;
      else if (c >= 0x41 && c <= 0x46) d = c - 0x41 + 10;
      else return false;
      v = (v << 4) | d;
    }
    words.push(v);
  }
  return true;
}
