// Token extraction (spec §4.4), pure and host-free. See extract.ts for the entry points.
export { extractToken, tokenSource, responseTokenSource, TokenResult, TokenMetadata, findCookie, cookieValue, firstHeader, jwtPayload, runStep } from "./extract";
export { CaptureRegex } from "./capture-regex";
