// Token extraction (spec §4.4), pure and host-free.
//
//   // request headers (RequestFacts: lowercased names, values in order)
//   const res = extractToken(te, tokenSource(te, facts.headerNames, facts.headerValues));
//   facts.token = res.token;                 // null → filters see ""
//   // a `response` extractor: at response headers
//   const res = extractToken(te, responseTokenSource(te, names, values));
//   res.metadata                             // token_metadata: TokenMetadata{name, value}, in order
//
// Layers: extract.ts (sources and the step chain) · capture-regex.ts (regex step with capture
// groups) · base64.ts (jwt_decode) · json.ts + json-select.ts (json_path) · crypto/sha256 (hash).
export { extractToken, tokenSource, responseTokenSource, TokenResult, TokenMetadata, findCookie, cookieValue, firstHeader, jwtPayload, runStep } from "./extract";
export { CaptureRegex } from "./capture-regex";
