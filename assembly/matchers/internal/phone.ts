import { collectDigits, digitsValue } from "./digits";
import { isAssignedCountryCode, nationalLengths, regionPlan, RegionPlan } from "./phone-plan";
export { RegionPlan, regionPlan };

// int_phone and national_phone (spec §3.3).

/** `+`, then 8–15 digits; at most two separators from `[ ().-]` between two digits. */
export const INT_PHONE_PATTERN = "\\+[0-9](?:[ ().-]{0,2}[0-9]){7,14}";

const scratch = new StaticArray<u8>(32);

/**
 * NANP (North American Numbering Plan) validity of a 10-digit national number: area code
 * NXX with a middle digit 0–8, exchange NXX, and neither an N11 service code.
 */
export function nanpValid(digits: StaticArray<u8>, from: i32): bool {
  const a0 = <i32>unchecked(digits[from]), a1 = <i32>unchecked(digits[from + 1]), a2 = <i32>unchecked(digits[from + 2]);
  const e0 = <i32>unchecked(digits[from + 3]), e1 = <i32>unchecked(digits[from + 4]), e2 = <i32>unchecked(digits[from + 5]);
  if (a0 < 2 || a1 > 8) return false;
  if (e0 < 2) return false;
  if (a1 == 1 && a2 == 1) return false;
  if (e1 == 1 && e2 == 1) return false;
  return true;
}

/** int_phone: the candidate's digits begin with an assigned country code and the rest has a valid length. */
export function isIntPhone(ptr: usize, len: i32): bool {
  const n = collectDigits(ptr, len, scratch);
  if (n < 8 || n > 15) return false;
  // E.164 country codes form a prefix code, so at most one of the 1-, 2- and 3-digit prefixes is assigned.
  for (let ccLen = 1; ccLen <= 3; ccLen++) {
    const cc = digitsValue(scratch, 0, ccLen);
    if (!isAssignedCountryCode(cc)) continue;
    const nsn = n - ccLen;
    if (cc == 1) return nsn == 10 && nanpValid(scratch, 1);
    const range = nationalLengths(cc);
    // An assigned code we hold no plan for: the overall 8–15 digit bound above is all we check.
    if (range[1] == 0) return true;
    return nsn >= range[0] && nsn <= range[1];
  }
  return false;
}

/** Whether `region` (ISO alpha-2, any case) is validated exactly (else the validator passes everything). */
export function nationalPhoneRegionSupported(region: string): bool {
  return regionPlan(region.toUpperCase()) !== null;
}

/**
 * national_phone <region>: validates a whole text as a national number of the region (used
 * inside `and`). Keep the digits and a leading `+`; after `+` the region's country code must
 * follow and is stripped, else one trunk prefix is stripped; then NANP is exact and other
 * regions check the NSN length. An unknown region passes (the load warned).
 */
export function isNationalPhone(ptr: usize, len: i32, region: string): bool {
  return isNationalPhoneOf(ptr, len, regionPlan(region.toUpperCase()));
}

/** The same with the region's plan looked up once (rule compile time), for the hot path. */
export function isNationalPhoneOf(ptr: usize, len: i32, plan: RegionPlan | null): bool {
  if (plan === null) return true;
  let start = 0;
  while (start < len && isSpace(load<u8>(ptr + <usize>start))) start++;
  const plus = start < len && load<u8>(ptr + <usize>start) == 0x2b;
  const n = collectDigits(ptr, len, scratch);
  if (n <= 0) return false;
  let from = 0;
  if (plus) {
    const ccText = plan.countryCode.toString();
    if (n < ccText.length || digitsValue(scratch, 0, ccText.length) != plan.countryCode) return false;
    from = ccText.length;
  } else if (plan.trunkPrefix.length > 0 && startsWithDigits(scratch, n, plan.trunkPrefix)) {
    from = plan.trunkPrefix.length;
  }
  const nsn = n - from;
  if (plan.countryCode == 1) return nsn == 10 && nanpValid(scratch, from);
  return nsn >= plan.minLength && nsn <= plan.maxLength;
}

function startsWithDigits(digits: StaticArray<u8>, n: i32, prefix: string): bool {
  if (n < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (<i32>unchecked(digits[i]) != prefix.charCodeAt(i) - 48) return false;
  return true;
}

@inline function isSpace(c: u8): bool { return c == 0x20 || c == 0x09; }
