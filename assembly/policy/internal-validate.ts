// Filter-mode `internal` rules (§3.2: "accepts the whole value"): the native matchers of
// assembly/matchers decide whether a whole value is a card number, a routing number, a
// phone number, an SQL statement, or a hash / error text of the listed types. Filter values
// are short (tokens, header and cookie values, service names), tested at request or
// response headers, so hash and error shapes use the whole-value matcher.
import { InternalMatcher, InternalKind } from "./internal";
import { FullMatcher } from "./full-match";
import { isCreditCard } from "../matchers/internal/credit-card";
import { isRoutingNumber } from "../matchers/internal/routing-number";
import { isIntPhone, isNationalPhone } from "../matchers/internal/phone";
import { sqlStatementLength } from "../matchers/internal/sql";
import { HASH_PATTERNS } from "../matchers/internal/hash-patterns";
import { ERROR_TEXT_PATTERNS } from "../matchers/internal/error-text-patterns";

const hashMatchers = new Array<FullMatcher | null>(HASH_PATTERNS.length);
const errorMatchers = new Array<FullMatcher | null>(ERROR_TEXT_PATTERNS.length);

export function internalAcceptsWhole(m: InternalMatcher, value: string): bool {
  const bytes = String.UTF8.encode(value);
  const ptr = changetype<usize>(bytes);
  const len = bytes.byteLength;
  switch (m.kind) {
    case InternalKind.CreditCard: return isCreditCard(ptr, len);
    case InternalKind.RoutingNumber: return isRoutingNumber(ptr, len);
    case InternalKind.IntPhone: return isIntPhone(ptr, len);
    case InternalKind.NationalPhone: return isNationalPhone(ptr, len, m.region);
    case InternalKind.Sql: return len > 0 && sqlStatementLength(ptr, len) == len;
    case InternalKind.Hash: {
      for (let i = 0; i < m.hashTypes.length; i++) if (matcherAt(hashMatchers, HASH_PATTERNS, m.hashTypes[i]).matches(value)) return true;
      return false;
    }
    case InternalKind.ErrorText: {
      for (let i = 0; i < m.errorTypes.length; i++) if (matcherAt(errorMatchers, ERROR_TEXT_PATTERNS, m.errorTypes[i]).matches(value)) return true;
      return false;
    }
  }
  return false;
}

function matcherAt(cache: Array<FullMatcher | null>, patterns: Array<string>, id: i32): FullMatcher {
  let m = cache[id];
  if (m === null) {
    m = new FullMatcher(patterns[id]);
    cache[id] = m;
  }
  return m;
}
