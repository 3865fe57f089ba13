import { Sha256, sha256Hex, toHex, partialHex } from "../../../assembly/crypto/sha256";

describe("SHA-256 (FIPS 180-4 / NIST CAVP vectors)", () => {
  it("hashes the empty message", () => {
    expect(sha256Hex("")).toBe("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
  });
  it("hashes 'abc' (FIPS 180-4 example B.1)", () => {
    expect(sha256Hex("abc")).toBe("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
  });
  it("hashes the two-block message (example B.2)", () => {
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))
      .toBe("248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1");
  });
  it("hashes one million 'a' fed in uneven pieces (example B.3)", () => {
    const h = new Sha256();
    const chunk = Uint8Array.wrap(String.UTF8.encode("a".repeat(1000)));
    const sizes: i32[] = [1, 7, 63, 64, 65, 1000, 333];
    let left = 1000000;
    for (let i = 0; left > 0; i++) {
      const n = min(left, sizes[i % sizes.length]);
      h.update(chunk.dataStart, n);
      left -= n;
    }
    expect(toHex(h.digest())).toBe("CDC76E5C9914FB9281A1C7E284D73E67F1809A48A497200E046D39CCC7112CD0");
  });
  it("gives the same digest for every split of the input", () => {
    const text = "The quick brown fox jumps over the lazy dog, then over 123-45-6789 and more padding bytes!";
    const bytes = Uint8Array.wrap(String.UTF8.encode(text));
    const whole = sha256Hex(text);
    for (let split = 0; split <= bytes.length; split++) {
      const h = new Sha256();
      h.update(bytes.dataStart, split);
      h.update(bytes.dataStart + <usize>split, bytes.length - split);
      expect(toHex(h.digest())).toBe(whole);
    }
  });
  it("handles lengths around the padding boundary (55, 56, 63, 64, 65 bytes)", () => {
    expect(sha256Hex("a".repeat(55))).toBe("9F4390F8D30C2DD92EC9F095B65E2B9AE9B0A925A5258E241C9F1E910F734318");
    expect(sha256Hex("a".repeat(56))).toBe("B35439A4AC6F0948B6D6F9E3C6AF0F5F590CE20F1BDE7090EF7970686EC6738A");
    expect(sha256Hex("a".repeat(63))).toBe("7D3E74A05D7DB15BCE4AD9EC0658EA98E3F06EEECF16B4C6FFF2DA457DDC2F34");
    expect(sha256Hex("a".repeat(64))).toBe("FFE054FE7AE0CB6DC65C3AF9B61D5209F439851DB43D0BA5997337DF154668EB");
    expect(sha256Hex("a".repeat(65))).toBe("635361C48BB9EAB14198E76EA8AB7F1A41685D6AD62AA9146D301D4F17EB0AE0");
  });
  it("is reusable after a digest", () => {
    const h = new Sha256();
    h.updateString("abc");
    h.digest();
    h.updateString("abc");
    expect(toHex(h.digest())).toBe("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
  });
});

describe("partial_sha256 (spec §8.3)", () => {
  it("keeps whole bytes for multiples of 8 bits", () => {
    const d = new Sha256(); d.updateString("abc");
    const digest = d.digest();
    expect(partialHex(digest, 32)).toBe("BA7816BF");
    expect(partialHex(digest, 24)).toBe("BA7816");
    expect(partialHex(digest, 256)).toBe(toHex(digest));
  });
  it("zeroes the bits past report_bits and clamps to 1–256", () => {
    const d = new Sha256(); d.updateString("abc");
    const digest = d.digest();
    expect(partialHex(digest, 12)).toBe("BA70");
    expect(partialHex(digest, 1)).toBe("80");
    expect(partialHex(digest, 0)).toBe("80");
    expect(partialHex(digest, 999)).toBe(toHex(digest));
  });
});
