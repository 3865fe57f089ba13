import { collectDigits, digitsValue } from "./digits";

// routing_number (spec §3.3): an ABA routing transit number. The first two digits are the
// Federal Reserve routing symbol: 00–12 (banks), 21–32 (thrifts), 61–72 (electronic), 80
// (traveler's cheques). The check digit makes 3(d1+d4+d7) + 7(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10).

export const ROUTING_NUMBER_PATTERN = "[0-9]{9}";

const scratch = new StaticArray<u8>(9);

export function isRoutingNumber(ptr: usize, len: i32): bool {
  if (collectDigits(ptr, len, scratch) != 9 || len != 9) return false;
  const prefix = digitsValue(scratch, 0, 2);
  if (!((prefix <= 12) || (prefix >= 21 && prefix <= 32) || (prefix >= 61 && prefix <= 72) || prefix == 80)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 3) {
    sum += 3 * <i32>unchecked(scratch[i]) + 7 * <i32>unchecked(scratch[i + 1]) + <i32>unchecked(scratch[i + 2]);
  }
  if (sum % 10 != 0) return false;
  return digitsValue(scratch, 0, 9) != 0; // 000000000 passes the checksum but is no number
}
