import { collectDigits, digitsValue } from "./digits";

// credit_card (spec §3.3): 13–19 digits (separators kept in the reported text), a known
// issuer prefix, and a valid Luhn check digit. Candidates come from the automaton pattern
// CREDIT_CARD_PATTERN; this validator decides.

/** A digit, then 12–18 more, each optionally after one space or dash. */
export const CREDIT_CARD_PATTERN = "[0-9](?:[ -]?[0-9]){12,18}";

const scratch = new StaticArray<u8>(19);

/** Luhn (ISO/IEC 7812-1 Annex B) over digits[0, n). */
export function luhnValid(digits: StaticArray<u8>, n: i32): bool {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let d = <i32>unchecked(digits[n - 1 - i]);
    if (i & 1) { d <<= 1; if (d > 9) d -= 9; }
    sum += d;
  }
  return sum % 10 == 0;
}

/** Issuer identification number ranges listed in the spec. */
export function issuerKnown(digits: StaticArray<u8>, n: i32): bool {
  const d1 = <i32>unchecked(digits[0]);
  const p2 = digitsValue(digits, 0, 2);
  const p3 = digitsValue(digits, 0, 3);
  const p4 = digitsValue(digits, 0, 4);
  if (d1 == 4) return true; // Visa
  if (p2 >= 51 && p2 <= 55) return true; // Mastercard
  if (p4 >= 2221 && p4 <= 2720) return true; // Mastercard 2-series
  if (p2 == 34 || p2 == 37) return true; // American Express
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) return true; // Discover
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return true; // Diners Club
  if (p4 >= 3528 && p4 <= 3589) return true; // JCB
  if (p2 == 62) return true; // UnionPay
  if (p4 >= 2200 && p4 <= 2204) return true; // Mir
  if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || p4 == 6759 || (p4 >= 6761 && p4 <= 6763)) return true; // Maestro
  return false;
}

/** Whether the candidate text at [ptr, ptr+len) is a card number. */
export function isCreditCard(ptr: usize, len: i32): bool {
  const n = collectDigits(ptr, len, scratch);
  if (n < 13 || n > 19) return false;
  return issuerKnown(scratch, n) && luhnValid(scratch, n);
}
