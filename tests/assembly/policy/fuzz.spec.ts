// Property: the loader never traps. Random policy-shaped documents (policy keys and values
// of every shape, tags included) load to a policy or to a fatal error; every problem has a
// position; and a loaded policy resolves random targets.
import { load } from "./util";
import { resolveEndpoint } from "../../../assembly/policy/index";

const KEYS: Array<string> = [
  "categories", "endpoints", "report_style", "report_bits", "sbac", "rules", "ratelimits", "body_collection",
  "body_collection_rate", "content_types", "path_groups", "filter", "blocked_ips", "blocked_tokens", "services",
  "local_service_name", "collected_env_vars", "header_collection", "matches", "config", "token_extractor",
  "exploit_detection", "request_extractors", "matchers", "tag", "regex", "raw", "except", "and", "correlate",
  "max_distance", "internal", "hash", "error_text", "action", "contexts", "search", "endpoint", "any", "all",
  "request_matches", "path", "count", "value", "stage", "name", "limit", "extractor", "json_path", "metadata",
  "location", "header", "sample_rate", "mode", "ns", "exclude_ip", "national_phone", "a",
];
const SCALARS: Array<string> = [
  "x", "'**'", "\"*/v/**\"", "1", "-3", "0.5", "true", "null", "'\\d+'", "'(?i)a'", "json", "block",
  "response_outbound", "credit_card", "!internal sql", "!redact '#'", "!header x-a", "!env V", "'10.0.0.0/8'",
  "'$.a[0]'", "'#v[0-9]+'", "'!*/a/!**'", "all", "primary", "bcrypt",
];

let seed: u32 = 2024;
function next(n: i32): i32 {
  seed = seed * 1664525 + 1013904223;
  return <i32>((seed >>> 8) % <u32>n);
}

function value(depth: i32): string {
  const r = next(depth > 3 ? 2 : 6);
  if (r < 2) return SCALARS[next(SCALARS.length)];
  if (r < 4) {
    let s = "{ ";
    const n = next(4);
    for (let i = 0; i < n; i++) s += (i > 0 ? ", " : "") + KEYS[next(KEYS.length)] + ": " + value(depth + 1);
    return s + " }";
  }
  let s = "[ ";
  const n = next(4);
  for (let i = 0; i < n; i++) s += (i > 0 ? ", " : "") + value(depth + 1);
  return s + " ]";
}

describe("loader fuzz", () => {
  it("never traps, and every problem has a position", () => {
    let loaded = 0;
    for (let round = 0; round < 200; round++) {
      let doc = "";
      const n = next(6) + 1;
      for (let i = 0; i < n; i++) doc += KEYS[next(KEYS.length)] + ": " + value(0) + "\n";
      const l = load(doc);
      for (let i = 0; i < l.problems.items.length; i++) {
        const it = l.problems.items[i];
        expect(it.line).toBeGreaterThanOrEqual(1);
        expect(it.column).toBeGreaterThanOrEqual(1);
      }
      expect(l.policy === null).toBe(l.problems.hasFatal());
      if (l.policy !== null) {
        loaded++;
        resolveEndpoint(l.policy!, "h", "/v/a/1");
        l.policy!.summary();
      }
    }
    expect(loaded).toBeGreaterThan(60);
  });

  it("never traps with random values in every loader's position", () => {
    for (let round = 0; round < 200; round++) {
      const doc =
        "categories: { c0: " + value(1) + ", c1: [ " + value(1) + ", { and: " + value(2) + " }, { correlate: " + value(2) + " } ] }\n" +
        "endpoints: [ { matches: " + value(2) + ", config: { c0: " + value(2) + ", c1: {} }, token_extractor: " + value(2) +
        ", exploit_detection: " + value(2) + ", request_extractors: " + value(2) + " } ]\n" +
        "sbac: [ { filter: " + value(1) + " }, { filter: { request_matches: { c0: " + value(2) + " } } } ]\n" +
        "rules: [ { limit: 1, by: " + value(2) + ", filter: " + value(2) + " } ]\n" +
        "filter: " + value(1) + "\nlocal_service_name: " + value(1) + "\nbody_collection: " + value(1) + "\n";
      const l = load(doc);
      expect(l.policy === null).toBe(l.problems.hasFatal());
      if (l.policy !== null) resolveEndpoint(l.policy!, "h", "/v/a/1");
    }
  });
});
