// Token extraction runtime (spec §4.4): picks the source value out of request/response headers and
// runs the extractor chain over it. Pure: no host calls, so it runs the same in unit tests and in
// the filter. The chain was already put in §4.4 order at load (legacy regex, steps, legacy hash:
// policy/token-extractor.ts), so this walks `extractor.steps` as given.
import { TokenExtractor, TokenLocation, ExtractorStep, StepKind } from "../policy/token-extractor";
import { CaptureRegex } from "./capture-regex";
import { decodeBase64Lenient } from "./base64";
import { parseJsonBytes, parseJsonText, isValidUtf8 } from "./json";
import { selectFirst, renderSelected } from "./json-select";
import { sha256Hex } from "../crypto/sha256";

export class TokenMetadata {
  constructor(public name: string, public value: string) {}
}

export class TokenResult {
  /** The token, or null when there was no source or a step failed (filters then see ""). */
  token: string | null = null;
  /** token_metadata in declaration order; empty when the main chain failed. */
  metadata: Array<TokenMetadata> = [];

  /** The value of metadata `name`, or null. */
  meta(name: string): string | null {
    for (let i = 0; i < this.metadata.length; i++) if (this.metadata[i].name == name) return this.metadata[i].value;
    return null;
  }
}

/**
 * Runs the extractor over `source` (from tokenSource / responseTokenSource; null = no source).
 * Never traps: every malformed input is a failed step.
 */
export function extractToken(extractor: TokenExtractor, source: string | null): TokenResult {
  const res = new TokenResult();
  if (source === null) return res;
  const token = runSteps(extractor.steps, source, res.metadata);
  if (token === null) res.metadata.length = 0; // Decision: no token, no token_metadata
  else res.token = token;
  return res;
}

/**
 * The source value for a request-side extractor (`request`, `request_cookie`) from the request
 * headers, as RequestFacts holds them (lowercased names, values in order); null for a
 * `response` extractor or when the header/cookie is absent.
 */
export function tokenSource(extractor: TokenExtractor, headerNames: Array<string>, headerValues: Array<string>): string | null {
  if (extractor.location == TokenLocation.Request) return firstHeader(headerNames, headerValues, extractor.header);
  if (extractor.location == TokenLocation.RequestCookie) return cookieValue(headerNames, headerValues, extractor.header);
  return null;
}

/** The source value for a `response` extractor from the response headers; null otherwise. */
export function responseTokenSource(extractor: TokenExtractor, headerNames: Array<string>, headerValues: Array<string>): string | null {
  if (extractor.location != TokenLocation.Response) return null;
  return firstHeader(headerNames, headerValues, extractor.header);
}

/** The first value of header `name` (names already lowercased on both sides). */
export function firstHeader(names: Array<string>, values: Array<string>, name: string): string | null {
  const n = min(names.length, values.length);
  for (let i = 0; i < n; i++) if (names[i] == name) return values[i];
  return null;
}

/**
 * Cookie `name` (case-sensitive, §4.4): each `cookie` header is split on ';', pairs trimmed, and
 * the first pair whose name equals `name` wins. HTTP/2 may send one cookie header per pair, so
 * every `cookie` header is searched, in order. A pair without '=' has that text as its name and an
 * empty value.
 */
export function cookieValue(names: Array<string>, values: Array<string>, name: string): string | null {
  const n = min(names.length, values.length);
  for (let i = 0; i < n; i++) {
    if (names[i] != "cookie") continue;
    const v = findCookie(values[i], name);
    if (v !== null) return v;
  }
  return null;
}

/** Cookie `name` in one Cookie header value, or null. */
export function findCookie(header: string, name: string): string | null {
  const pairs = header.split(";");
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i].trim();
    const eq = pair.indexOf("=");
    const k = eq < 0 ? pair : pair.substring(0, eq).trim();
    if (k == name) return eq < 0 ? "" : pair.substring(eq + 1).trim();
  }
  return null;
}

// Runs `steps` from `value`; null when one fails. Metadata steps append their successes to `meta`.
function runSteps(steps: Array<ExtractorStep>, value: string, meta: Array<TokenMetadata>): string | null {
  let cur: string = value;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    if (step.kind == StepKind.Metadata) {
      for (let f = 0; f < step.metadata.length; f++) {
        const field = step.metadata[f];
        const v = runSteps(field.steps, cur, meta);
        if (v !== null) meta.push(new TokenMetadata(field.name, v));
      }
      continue;
    }
    const next = runStep(step, cur);
    if (next === null) return null;
    cur = next;
  }
  return cur;
}

/** One non-metadata step over `value`; null on failure. */
export function runStep(step: ExtractorStep, value: string): string | null {
  switch (step.kind) {
    case StepKind.Regex: {
      const re = compiledRegex(step.regex);
      return re.search(value);
    }
    case StepKind.JwtDecode: return jwtPayload(value);
    case StepKind.JsonPath: {
      if (step.jsonPath === null) return null;
      const root = parseJsonText(value);
      if (root === null) return null;
      const hit = selectFirst(root, step.jsonPath!);
      return hit === null ? null : renderSelected(hit);
    }
    case StepKind.Hash: return sha256Hex(value);
  }
  return null;
}

/**
 * §4.4 jwt_decode: the text after the last space (this drops "Bearer"), then its second
 * '.'-separated segment base64-decoded (url or standard alphabet, padding optional). The result
 * must be UTF-8 JSON text (Decision: a payload that is not JSON fails the step). Signatures are
 * never checked.
 */
export function jwtPayload(value: string): string | null {
  const sp = value.lastIndexOf(" ");
  const jwt = sp < 0 ? value : value.substring(sp + 1);
  const d1 = jwt.indexOf(".");
  if (d1 < 0) return null;
  let d2 = jwt.indexOf(".", d1 + 1);
  if (d2 < 0) d2 = jwt.length;
  const bytes = decodeBase64Lenient(jwt.substring(d1 + 1, d2));
  if (bytes === null || !isValidUtf8(bytes)) return null;
  if (parseJsonBytes(bytes) === null) return null;
  return String.UTF8.decodeUnsafe(bytes.dataStart, <usize>bytes.length);
}

// Compiled token regexes by source, shared by every extractor of the module. Bounded: cleared when
// full (a policy has few token regexes; the bound only guards against churn across reloads).
const REGEX_CACHE = new Map<string, CaptureRegex>();
const REGEX_CACHE_MAX: i32 = 64;

function compiledRegex(source: string): CaptureRegex {
  if (REGEX_CACHE.has(source)) return REGEX_CACHE.get(source);
  if (REGEX_CACHE.size >= REGEX_CACHE_MAX) REGEX_CACHE.clear();
  const re = CaptureRegex.compile(source);
  REGEX_CACHE.set(source, re);
  return re;
}
