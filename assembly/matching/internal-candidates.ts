import { InternalMatcher, InternalKind } from "../policy/internal";
import { CREDIT_CARD_PATTERN, isCreditCard } from "../matchers/internal/credit-card";
import { ROUTING_NUMBER_PATTERN, isRoutingNumber } from "../matchers/internal/routing-number";
import { INT_PHONE_PATTERN, isIntPhone, isNationalPhoneOf, RegionPlan } from "../matchers/internal/phone";
import { SQL_START_PATTERN, sqlStatementLength, MAX_SQL_BYTES } from "../matchers/internal/sql";
import { HASH_PATTERNS } from "../matchers/internal/hash-patterns";
import { ERROR_TEXT_PATTERNS, ERROR_TEXT_FOLLOW, ErrorFollow } from "../matchers/internal/error-text-patterns";
import { jsErrorFollow, goErrorFollow, phpErrorFollow, JS_FOLLOW_BYTES, GO_FOLLOW_BYTES, PHP_LINE_BYTES } from "../matchers/internal/error-text-follow";

// How an internal matcher (spec §3.3) joins the automaton: the candidate patterns it adds and
// the check that decides each candidate. Validators read the candidate in place.

export const enum Validator { None, CreditCard, RoutingNumber, IntPhone, Sql, JsError, GoError, PhpError }

/**
 * "No candidate may touch a character of its own alphabet on either side" (§3.3): digits for
 * the numeric matchers, crypt-base64/hex characters for hashes, nothing for the others.
 */
export const enum Boundary { None, Digit, HashAlphabet }

export class InternalPattern {
  constructor(public source: string, public validator: Validator, public boundary: Boundary) {}
}

/** The candidate patterns of one internal matcher (national_phone has none: it only validates). */
export function internalPatterns(m: InternalMatcher): Array<InternalPattern> {
  const out = new Array<InternalPattern>();
  switch (m.kind) {
    case InternalKind.CreditCard: out.push(new InternalPattern(CREDIT_CARD_PATTERN, Validator.CreditCard, Boundary.Digit)); break;
    case InternalKind.RoutingNumber: out.push(new InternalPattern(ROUTING_NUMBER_PATTERN, Validator.RoutingNumber, Boundary.Digit)); break;
    case InternalKind.IntPhone: out.push(new InternalPattern(INT_PHONE_PATTERN, Validator.IntPhone, Boundary.Digit)); break;
    case InternalKind.Sql: out.push(new InternalPattern(SQL_START_PATTERN, Validator.Sql, Boundary.None)); break;
    case InternalKind.Hash:
      for (let i = 0; i < m.hashTypes.length; i++) out.push(new InternalPattern(HASH_PATTERNS[m.hashTypes[i]], Validator.None, Boundary.HashAlphabet));
      break;
    case InternalKind.ErrorText:
      for (let i = 0; i < m.errorTypes.length; i++) {
        const type = m.errorTypes[i];
        out.push(new InternalPattern(ERROR_TEXT_PATTERNS[type], followValidator(ERROR_TEXT_FOLLOW[type]), Boundary.None));
      }
      break;
    default: break;
  }
  return out;
}

/**
 * Bytes a candidate needs after its automaton match before it can be decided: SQL reads
 * forward to the end of the statement; the others need one byte for the boundary check.
 */
function followValidator(follow: ErrorFollow): Validator {
  if (follow == ErrorFollow.Js) return Validator.JsError;
  if (follow == ErrorFollow.Go) return Validator.GoError;
  if (follow == ErrorFollow.Php) return Validator.PhpError;
  return Validator.None;
}

export function lookahead(validator: Validator, boundary: Boundary): i32 {
  if (validator == Validator.Sql) return MAX_SQL_BYTES;
  if (validator == Validator.JsError) return JS_FOLLOW_BYTES + 64;
  if (validator == Validator.GoError) return GO_FOLLOW_BYTES + 32;
  if (validator == Validator.PhpError) return PHP_LINE_BYTES + 512;
  return boundary == Boundary.None ? 0 : 1;
}

/**
 * Decides a candidate [ptr, ptr+len); `available` bytes are readable from ptr (len + what
 * follows in the context). Returns the accepted length (SQL extends the keyword to the whole
 * statement), or -1.
 */
export function validate(validator: Validator, ptr: usize, len: i32, available: i32): i32 {
  switch (validator) {
    case Validator.CreditCard: return isCreditCard(ptr, len) ? len : -1;
    case Validator.RoutingNumber: return isRoutingNumber(ptr, len) ? len : -1;
    case Validator.IntPhone: return isIntPhone(ptr, len) ? len : -1;
    case Validator.Sql: return sqlStatementLength(ptr, available);
    case Validator.JsError: return extend(len, jsErrorFollow(ptr + <usize>len, available - len));
    case Validator.GoError: return extend(len, goErrorFollow(ptr + <usize>len, available - len));
    case Validator.PhpError: return extend(len, phpErrorFollow(ptr + <usize>len, available - len));
    default: return len;
  }
}

@inline function extend(len: i32, follow: i32): i32 { return follow < 0 ? -1 : len + follow; }

export function touchesAlphabet(boundary: Boundary, c: i32): bool {
  if (boundary == Boundary.Digit) return c >= 48 && c <= 57;
  if (boundary == Boundary.HashAlphabet) {
    return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 0x2e || c == 0x2f || c == 0x2b;
  }
  return false;
}

/** national_phone inside `and`: the whole candidate must be a national number. */
export function nationalPhoneAccepts(plan: RegionPlan | null, ptr: usize, len: i32): bool {
  return isNationalPhoneOf(ptr, len, plan);
}
