// Lenient loading (§0) and fatal errors (§2.3): every problem names what and where
// (line:column), drops only the smallest enclosing item, and only §2.3 errors are fatal.
import { load, loadWarn, loadFatal, Loaded } from "./util";
import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { loadPolicyText } from "../../../assembly/policy/index";

/** Some problem at `where` contains `fragment`, and the load is not fatal. */
function hasWarning(l: Loaded, where: string, fragment: string): void {
  let found = false;
  for (let i = 0; i < l.problems.items.length; i++) {
    const it = l.problems.items[i];
    if (it.line.toString() + ":" + it.column.toString() == where && it.message.includes(fragment)) found = true;
  }
  if (!found) trace("problems:\n" + l.messages);
  expect(found).toBe(true);
  expect(l.policy).not.toBeNull();
}

describe("fatal errors (§2.3)", () => {
  it("invalid YAML, with the parser's position", () => {
    const problems = new ConfigProblems();
    const p = loadPolicyText(Uint8Array.wrap(String.UTF8.encode("categories:\n  a: [x\n")), problems);
    expect(p).toBeNull();
    expect(problems.hasFatal()).toBe(true);
    expect(problems.firstFatal()!.message.startsWith("local_policy: invalid YAML: ")).toBe(true);
  });

  it("a top level that is not a map", () => {
    loadFatal("- a\n- b\n", "1:1", "a policy must be a map, found a list");
    loadFatal("just text\n", "1:1", "a policy must be a map, found a scalar");
    loadFatal("# nothing\n", "1:1", "a policy must be a map, found an empty document");
  });

  it("a regex no tier can compile, wherever it is", () => {
    loadFatal("categories:\n  c: { regex: 'a(b' }\n", "2:15", "regex 'a(b' cannot be compiled: unclosed group");
    loadFatal("categories:\n  c: [x, { except_regex: '[z' }]\n", "2:26", "regex '[z' cannot be compiled");
    loadFatal("categories:\n  c: ['regex: a{2,1}']\n", "2:7", "regex 'a{2,1}' cannot be compiled");
    loadFatal("endpoints:\n  - token_extractor: { header: h, regex: '(' }\n", "2:42", "extractor regex '(' cannot be compiled");
    loadFatal("endpoints:\n  - response_extractors: { a: { path: x, regex: '*' } }\n", "2:49", "extractor regex '*' cannot be compiled");
    loadFatal("sbac:\n  - filter: { endpoint: '*/#(' }\n", "2:25", "glob regex '(' cannot be compiled");
  });

  it("a correlate nested inside a correlate's inline matches", () => {
    loadFatal("categories:\n  c:\n    - x\n    - correlate: { max_distance: 1, matches: [ { correlate: { max_distance: 1, matches: y } } ] }\n",
      "4:50", "a correlate cannot be nested");
  });

  it("a non-ASCII redact mask", () => {
    loadFatal("categories: { a: x }\nendpoints:\n  - config: { a: { action: !redact \"•\" } }\n", "3:28", "redact mask '•' is not ASCII");
  });

  it("keeps going after a fatal error, so every problem is reported", () => {
    const l = load("categories:\n  c: { regex: '(' }\n  d: { regex: ')' }\nbogus: 1\n");
    expect(l.policy).toBeNull();
    // Each bad regex also leaves its category without a positive rule.
    expect(l.positions).toBe("2:15,2:3,3:15,3:3,4:1");
  });
});

describe("top-level warnings", () => {
  it("missing categories: {} and a warning", () => {
    const l = loadWarn("endpoints: []\n", "1:1", "the policy has no 'categories'; using {}");
    expect(l.p.categories.length).toBe(0);
  });

  it("unknown keys and plugin keys", () => {
    loadWarn("categories: {}\ncategory: {}\n", "2:1", "unknown key 'category' in the policy is ignored");
    loadWarn("categories: {}\nmax_body_bytes: 5\n", "2:1", "'max_body_bytes' is a plugin configuration key (§1), not a policy key; ignored");
  });

  it("enum values and types", () => {
    loadWarn("categories: {}\nreport_style: md5\n", "2:15", "unknown report_style 'md5' (expected one of raw, partial_sha256, sha256, none); ignored");
    loadWarn("categories: {}\nreport_bits: 300\n", "2:14", "report_bits 300 is above 256; clamped to 256");
    loadWarn("categories: {}\nreport_bits: 0\n", "2:14", "report_bits 0 is below 1; clamped to 1");
    loadWarn("categories: {}\nheader_collection: some\n", "2:20", "unknown header_collection 'some'");
    loadWarn("categories: {}\nbody_collection_rate: 2\n", "2:23", "body_collection_rate must be between 0 and 1, found 2; ignored");
    loadWarn("categories: []\n", "1:13", "categories must be a map of name to category, found a list; ignored");
    loadWarn("categories: {}\ncollected_env_vars: {a: 1}\n", "2:21", "collected_env_vars must be all, none or a list of names");
    loadWarn("categories: {}\ncontent_types: { a/b: xml }\n", "2:23", "unknown parser 'xml' in content_types 'a/b'");
    loadWarn("categories: {}\nstream_types: 5\n", "2:15", "stream_types must be a map or a list");
    loadWarn("categories: {}\nblocked_ips: [ 10.0.0.0/33 ]\n", "2:16", "'10.0.0.0/33' is not an IP address or CIDR; ignored");
    loadWarn("categories: {}\nblocked_ips: [ \"1:2:3\" ]\n", "2:16", "is not an IP address or CIDR");
    loadWarn("categories: {}\nlocal_service_name: { ns: k8s }\n", "2:27", "unknown service name source 'k8s'");
    loadWarn("categories: {}\nlocal_service_name: { pod: istio }\n", "2:23", "unknown key 'pod' in local_service_name");
  });

  it("rules and ratelimits both set", () => {
    const l = loadWarn("categories: {}\nrules: [ {limit: 1} ]\nratelimits: [ {limit: 2}, {limit: 3} ]\n", "3:1", "both 'rules' and 'ratelimits' are set");
    expect(l.p.rateRules.length).toBe(2);
  });
});

describe("category and rule warnings", () => {
  it("drops an empty category", () => {
    const l = loadWarn("categories:\n  a:\n  b: x\n", "2:3", "category 'a' is empty; dropped");
    expect(l.p.categories.length).toBe(1);
  });

  it("warns on a category without a positive rule", () => {
    loadWarn("categories:\n  a: { except: x }\n", "2:3", "category 'a' has no valid positive rule");
  });

  it("refuses to redefine exploit-detection categories", () => {
    loadWarn("categories:\n  \"ls_hash:Bcrypt\": x\n", "2:3", "reserved exploit-detection name");
  });

  it("drops only the bad rule", () => {
    let l = load("categories:\n  a: [ x, { regexp: y }, z ]\n");
    expect(l.positions).toBe("2:13");
    expect(l.has("unknown match rule variant 'regexp' (expected one of raw, raw_insensitive, regex, internal, except, except_insensitive, except_regex, and, correlate); rule dropped")).toBe(true);
    expect(l.p.category("a")!.rules.length).toBe(2);
    l = load("categories:\n  a: [ x, { raw: y, regex: z } ]\n");
    expect(l.positions).toBe("2:11");
    expect(l.has("a match rule must have exactly one key")).toBe(true);
    loadWarn("categories:\n  a: [ x, { raw: } ]\n", "2:13", "match rule 'raw' needs a value; rule dropped");
    loadWarn("categories:\n  a: [ x, { raw: '' } ]\n", "2:18", "has an empty pattern; rule dropped");
    loadWarn("categories:\n  a: [ x, { raw: [y] } ]\n", "2:18", "match rule 'raw' needs a string; rule dropped");
    loadWarn("categories:\n  a: [ x, [y] ]\n", "2:11", "a match rule must be a string");
  });

  it("disables a rule using an unsupported Unicode property", () => {
    loadWarn("categories:\n  a: [ x, { regex: '\\p{Klingon}' } ]\n", "2:20", "uses an unsupported property");
  });

  it("internal matcher problems", () => {
    loadWarn("categories:\n  a: [ x, { internal: iban } ]\n", "2:23", "unknown internal matcher 'iban'");
    loadWarn("categories:\n  a: [ x, { internal: !national_phone US } ]\n", "2:13", "national_phone is a validator usable only inside 'and'; rule dropped");
    hasWarning(load("categories:\n  a: [ x, { and: { internal: national_phone } } ]\n"), "2:30", "national_phone needs an ISO 3166 alpha-2 region");
    hasWarning(load("categories:\n  a: [ x, { and: { internal: { national_phone: USA } } } ]\n"), "2:48", "national_phone region 'USA' is not an ISO 3166 alpha-2 code");
    let l = load("categories:\n  a: [ x, { internal: { hash: [ bcrypt, md6 ] } } ]\n");
    expect(l.positions).toBe("2:41");
    expect(l.has("unknown hash type 'md6'; ignored")).toBe(true);
    expect(l.p.category("a")!.rules[1].internal!.hashTypes.length).toBe(1);
    l = load("categories:\n  a: [ x, { internal: { error_text: nope } } ]\n");
    expect(l.positions).toBe("2:37,2:37");
    expect(l.has("error_text lists no known type")).toBe(true);
    loadWarn("categories:\n  a: [ x, { internal: { sql: yes } } ]\n", "2:30", "internal matcher 'sql' takes no argument");
  });

  it("and problems", () => {
    loadWarn("categories:\n  a: [ x, { and: [] } ]\n", "2:13", "'and' holds no valid rule; rule dropped");
    loadWarn("categories:\n  a: [ x, { and: { correlate: { max_distance: 1, matches: [y] } } } ]\n", "2:13", "a correlate cannot sit inside 'and'");
  });

  it("correlate problems", () => {
    loadWarn("categories:\n  a: [ x, { correlate: { matches: [y] } } ]\n", "2:13", "correlate needs max_distance (bytes); correlate dropped");
    loadWarn("categories:\n  a: [ x, { correlate: { max_distance: 3 } } ]\n", "2:13", "correlate needs matches or match_group");
    loadWarn("categories:\n  a: [ x, { correlate: { max_distance: 3, matches: [y], near: 1 } } ]\n", "2:57", "unknown key 'near' in correlate; correlate dropped");
    loadWarn("categories:\n  a: [ x, { correlate: { max_distance: 3, match_group: nope } } ]\n", "2:56", "correlate names category 'nope', which does not exist; correlate dropped");
    loadWarn("categories:\n  b: [ y, { correlate: { max_distance: 1, matches: [z] } } ]\n  a: [ x, { correlate: { max_distance: 3, match_group: b } } ]\n",
      "3:56", "category 'b' has correlates of its own; they are ignored");
    loadWarn("categories:\n  a: [ x, { correlate: { interest: both, max_distance: 3, matches: [y] } } ]\n", "2:36", "unknown correlate interest 'both' (expected one of primary, secondary, all); correlate dropped");
    loadWarn("categories: {}\nsbac: [ { filter: { token: [ x, { correlate: { max_distance: 1, matches: y } } ] } } ]\n", "2:35", "correlate has no meaning in a filter; ignored");
  });
});

describe("endpoint and config warnings", () => {
  it("endpoint shape and keys", () => {
    loadWarn("categories: {}\nendpoints: [ x ]\n", "2:14", "endpoint must be a map");
    loadWarn("categories: {}\nendpoints: [ { matches: '**', cfg: {} } ]\n", "2:31", "unknown key 'cfg' in endpoint is ignored");
    const l = load("categories: {}\nendpoints: [ { matches: [ [x], {a: b} ] } ]\n");
    expect(l.positions).toBe("2:27,2:32,2:16");
    expect(l.has("endpoint 'matches' holds nothing valid; endpoint dropped")).toBe(true);
    expect(l.p.endpoints.length).toBe(0);
    loadWarn("categories: {}\nendpoints: [ { config: [a] } ]\n", "2:24", "endpoint config must be a map");
    loadWarn("categories: {}\nendpoints: [ { content_type_override: yaml } ]\n", "2:39", "unknown parser 'yaml' in content_type_override");
    loadWarn("categories: {}\nendpoints: [ { search: body } ]\n", "2:24", "unknown search 'body'");
  });

  it("config entries", () => {
    const base = "categories: { a: x }\nendpoints:\n  - config:\n      a: ";
    loadWarn(base + "{ colour: red }\n", "4:12", "unknown key 'colour' in config 'a'; entry dropped");
    loadWarn(base + "{ action: deny }\n", "4:20", "unknown action 'deny'");
    loadWarn(base + "{ action: redact }\n", "4:20", "action redact needs a mask");
    loadWarn(base + "{ contexts: [ keys, body ] }\n", "4:30", "unknown context 'body'");
    loadWarn(base + "{ content_types: [ json, xml ] }\n", "4:35", "unknown parser 'xml' in config 'a' content_types");
    loadWarn(base + "[]\n", "4:10", "config 'a' must be a map");
    // Any rejected field drops the whole entry; a clamped report_bits does not.
    let d = loadWarn(base + "{ report_style: md5 }\n", "4:26", "unknown report_style 'md5' (expected one of raw, partial_sha256, sha256, none); entry dropped");
    expect(d.p.endpoints[0].config.length).toBe(0);
    d = loadWarn(base + "{ search: body, action: block }\n", "4:20", "unknown search 'body' (expected one of request_body, response_body, all_body, request_header, response_header, all_header, all, downstream, upstream); entry dropped");
    expect(d.p.endpoints[0].config.length).toBe(0);
    d = loadWarn(base + "{ ignore: [ [x] ] }\n", "4:22", "ignore must be a string, found a list; entry dropped");
    expect(d.p.endpoints[0].config.length).toBe(0);
    d = loadWarn(base + "{ report_bits: 999 }\n", "4:25", "report_bits 999 is above 256; clamped to 256");
    expect(d.p.endpoints[0].config[0].reportBits).toBe(256);
    const l = load("categories: { a: x }\nendpoints:\n  - config: { b: {}, c: { matcher: nope }, a: {} }\n");
    expect(l.positions).toBe("3:15,3:22");
    expect(l.has("config 'b' uses category 'b', which does not exist; entry dropped")).toBe(true);
    expect(l.has("config 'c' uses category 'nope', which does not exist; entry dropped")).toBe(true);
    expect(l.p.endpoints[0].config.length).toBe(1);
  });

  it("token extractor", () => {
    loadWarn("categories: {}\nendpoints: [ { token_extractor: { location: request } } ]\n", "2:33", "token_extractor needs a header");
    let l = load("categories: {}\nendpoints: [ { token_extractor: { header: h, extractor: [ base64 ] } } ]\n");
    expect(l.positions).toBe("2:59,2:33");
    expect(l.has("unknown extractor step 'base64'")).toBe(true);
    expect(l.p.endpoints[0].tokenExtractor).toBeNull();
    l = load("categories: {}\nendpoints: [ { token_extractor: { header: h, extractor: { json_path: sub } } } ]\n");
    expect(l.has("json_path 'sub' is invalid: must start with '$'")).toBe(true);
    l = loadWarn("categories: {}\nendpoints: [ { token_extractor: { header: h, location: body } } ]\n", "2:56",
      "unknown token_extractor location 'body' (expected one of request, request_cookie, response); token_extractor dropped");
    expect(l.p.endpoints[0].tokenExtractor).toBeNull();
    l = loadWarn("categories: {}\nendpoints: [ { token_extractor: { header: h, cookie: c } } ]\n", "2:46", "unknown key 'cookie' in token_extractor; token_extractor dropped");
    expect(l.p.endpoints[0].tokenExtractor).toBeNull();
    l = loadWarn("categories: {}\nendpoints: [ { token_extractor: { header: h, hash: yes } } ]\n", "2:52", "token_extractor hash must be true or false, found a string; token_extractor dropped");
    expect(l.p.endpoints[0].tokenExtractor).toBeNull();
    l = load("categories: {}\nendpoints: [ { token_extractor: { header: h, extractor: { metadata: { a: [ json_path ] } } } } ]\n");
    expect(l.has("token metadata 'a' dropped")).toBe(true);
    expect(l.p.endpoints[0].tokenExtractor!.steps[0].metadata.length).toBe(0);
  });

  it("body extractors and exploit detection", () => {
    let l = load("categories: {}\nendpoints: [ { request_extractors: { a: 'x[y]', b: z } } ]\n");
    expect(l.has("extractor path 'x[y]' is invalid")).toBe(true);
    expect(l.p.endpoints[0].requestExtractors!.entries.length).toBe(1);
    hasWarning(load("categories: {}\nendpoints: [ { request_extractors: { a: { regex: x } } } ]\n"), "2:41", "body extractor 'a' needs a path");
    loadWarn("categories: {}\nendpoints: [ { exploit_detection: { entropy: true } } ]\n", "2:37", "unknown key 'entropy' in exploit_detection");
    loadWarn("categories: {}\nendpoints: [ { exploit_detection: yes } ]\n", "2:35", "exploit_detection must be a map");
  });
});

describe("filter warnings", () => {
  it("RuleFilter keys and shapes", () => {
    hasWarning(load("categories: {}\nsbac: [ { filter: { endpoint: '**' }, name: a }, { filter: { path: x } } ]\n"), "2:62", "unknown filter key 'path'; filter dropped");
    let l = load("categories: {}\nsbac: [ { filter: { endpoint: '**', ip: 10.0.0.1 } } ]\n");
    expect(l.positions).toBe("2:19");
    expect(l.has("a filter has 2 keys; treated as 'all' over them")).toBe(true);
    hasWarning(load("categories: {}\nsbac: [ { filter: outbound } ]\n"), "2:19", "a filter string must be response_outbound or response_inbound");
    l = load("categories: {}\nsbac: [ { filter: { ip: [ nope ] } } ]\n");
    expect(l.positions).toBe("2:27,2:21,2:9");
    expect(l.has("filter 'ip' holds no valid item; filter dropped")).toBe(true);
    expect(l.p.sbac.length).toBe(0);
    hasWarning(load("categories: {}\nsbac: [ { filter: { exclude_any: [] } } ]\n"), "2:21", "unknown filter key 'exclude_any'");
  });

  it("a filter naming a category nothing emits", () => {
    const l = loadWarn("categories: { a: x }\nsbac: [ { filter: { response_matches: { a: 1, nope: 2 } } } ]\n",
      "2:47", "filter names category 'nope', which no category or config entry emits; dropped");
    expect(l.p.sbac[0].filter.matches.length).toBe(1);
    // Emitted names (config `name`) count as known.
    const ok = load("categories: { a: x }\nendpoints: [ { config: { k: { matcher: a, name: emitted } } } ]\nsbac: [ { filter: { response_matches: { emitted: 1 } } } ]\n");
    expect(ok.count).toBe(0);
  });

  it("MatchRuleFilter constraints", () => {
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { response_matches: { a: { path: 'x[' } } } } ]\n"), "2:52", "path 'x[' is not a JSON path pattern");
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { response_matches: { a: { size: 1 } } } } ]\n"), "2:46", "unknown key 'size' in match filter constraint");
  });

  it("services", () => {
    loadWarn("categories: {}\nfilter: { namespace: x }\n", "2:11", "unknown service filter key 'namespace'");
    const l = load("categories: {}\nservices: [ { filter: { pod: x }, endpoints: [] } ]\n");
    expect(l.has("services item dropped")).toBe(true);
    expect(l.p.services.length).toBe(0);
  });

  it("sbac, rate rules, body collection", () => {
    loadWarn("categories: {}\nsbac: [ { name: a } ]\n", "2:9", "sbac item needs a filter; item dropped");
    loadWarn("categories: {}\nsbac: [ { stage: later, filter: response_inbound } ]\n", "2:18", "unknown sbac stage 'later'");
    loadWarn("categories: {}\nrules: [ { name: r } ]\n", "2:10", "rule 'r' has no limit; rule dropped");
    loadWarn("categories: {}\nrules: [ { limit: 1, severity: urgent } ]\n", "2:32", "unknown severity 'urgent'");
    loadWarn("categories: {}\nrules: [ { limit: 1, by: [ mac ] } ]\n", "2:28", "unknown rule key 'mac'");
    loadWarn("categories: {}\nbody_collection: [ { sample_rate: 1, max_body_collection_mb: -1 } ]\n", "2:62", "max_body_collection_mb is negative; item dropped");
    loadWarn("categories: {}\nbody_collection: [ { mode: all } ]\n", "2:20", "body_collection item needs sample_rate");
  });
});

describe("the remaining warnings, each at its position", () => {
  it("categories, correlates, services, globs, sbac, rules, collection, extractors, filters", () => {
    hasWarning(load("categories:\n  c: [ x, { correlate: { max_distance: 1, matches: [y], match_group: a } } ]\n"), "2:57", "correlate has both matches and match_group; 'match_group' ignored");
    hasWarning(load("categories:\n  c: [ x, { correlate: { max_distance: 1, match_group: [y] } } ]\n"), "2:56", "match_group must be a category name, found a list; correlate dropped");
    hasWarning(load("categories:\n  c: [ x, { correlate: { max_distance: 1, matches: [ [z] ] } } ]\n"), "2:54", "a match rule must be a string");
    hasWarning(load("categories:\n  c: [ x, { internal: [a] } ]\n"), "2:23", "internal matcher must be a name, '!name argument' or '{name: argument}'; rule dropped");
    hasWarning(load("categories:\n  c: [ x, { internal: { credit_card: 1, sql: 2 } } ]\n"), "2:23", "internal matcher must be a name");
    hasWarning(load("categories:\n  c: { matchers: x, tag: [t] }\n"), "2:26", "category tag must be a string, found a list; ignored");
    hasWarning(load("categories:\n  c: { matchers: x, colour: red }\n"), "2:21", "unknown key 'colour' in category 'c' is ignored");
    hasWarning(load("categories: { a: x }\nlocal_service_name: { ns: { default: { from: !env A } } }\n"), "2:29", "local_service_name.ns: default needs both from and to; keeping istio");
    hasWarning(load("categories: { a: x }\nlocal_service_name: { sa: !env [A] }\n"), "2:27", "local_service_name.sa: !env needs a string; keeping istio");
    hasWarning(load("categories: { a: x }\nfilter: { any: }\n"), "2:11", "service filter 'any' needs a list; filter dropped");
    hasWarning(load("categories: { a: x }\nfilter: { cluster: [] }\n"), "2:11", "service filter 'cluster' holds no valid rule; filter dropped");
    hasWarning(load("categories: { a: x }\npath_groups: [ [a] ]\n"), "2:16", "path_groups item must be a glob, found a list; ignored");
    hasWarning(load("categories: { a: x }\npath_groups: [ '*/!/x' ]\n"), "2:16", "glob '*/!/x' has an empty component after '!'; glob dropped");
    hasWarning(load("categories: { a: x }\npath_groups: [ '' ]\n"), "2:16", "glob '' has no components; glob dropped");
    hasWarning(load("categories: { a: x }\nsbac: [ { name: [n], filter: response_inbound } ]\n"), "2:17", "sbac name must be a string or null, found a list; ignored");
    hasWarning(load("categories: { a: x }\nrules: [ { limit: 1, grouping: per_pod } ]\n"), "2:32", "unknown grouping 'per_pod'");
    loadFatal("categories: { a: x }\nrules: [ { limit: 1, by: { header: X, regex: '(' } } ]\n", "2:46", "rule header regex '(' cannot be compiled");
    hasWarning(load("categories: { a: x }\nrules: [ { limit: 1, by: { request_match: [a] } } ]\n"), "2:43", "request_match must be a category name, found a list");
    hasWarning(load("categories: { a: x }\nrules: [ { limit: -1 } ]\n"), "2:19", "limit must be between 0 and");
    hasWarning(load("categories: { a: x }\nbody_collection: [ { mode: some, sample_rate: 1 } ]\n"), "2:28", "unknown body_collection mode 'some'");
    hasWarning(load("categories: { a: x }\nbody_collection: [ { sample_rate: 1.5 } ]\n"), "2:35", "sample_rate must be between 0 and 1, found 1.5; ignored");
    hasWarning(load("categories: { a: x }\nendpoints: [ { request_extractors: { a: [] } } ]\n"), "2:38", "body extractor 'a' is empty; dropped");
    hasWarning(load("categories: { a: x }\nendpoints: [ { response_extractors: [x] } ]\n"), "2:37", "response_extractors must be a map of name to extractor, or {extractors, include_all}, found a list; ignored");
    hasWarning(load("categories: { a: x }\nendpoints: [ { exploit_detection: { hashes: [ md6, bcrypt ] } } ]\n"), "2:47", "unknown hash type 'md6'; ignored");
    const ed = load("categories: { a: x }\nendpoints: [ { exploit_detection: { hashes: md6 } } ]\n");
    expect(ed.positions).toBe("2:45,2:45");
    expect(ed.has("hash lists no known type; keeping all hashes")).toBe(true);
    expect(ed.p.endpoints[0].exploitDetection!.hashes.length).toBe(29);
    hasWarning(load("categories: { a: x }\nendpoints: [ { token_extractor: { header: h, extractor: [ { jwt_decode: x } ] } } ]\n"), "2:73", "extractor step 'jwt_decode' takes no argument; argument ignored");
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { request_headers: [x] } } ]\n"), "2:38", "request_headers must be a map of name to rules, found a list");
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { response_matches: { a: { value: [ [v] ] } } } } ]\n"), "2:46", "match filter 'value' holds no valid rule; constraint dropped");
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { response_matches: { a: -2 } } } ]\n"), "2:44", "match count must be between 0 and");
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { response_matches: { a: [ x ] } } } ]\n"), "2:46", "match filter constraint must be a map");
    hasWarning(load("categories: { a: x }\nsbac: [ { filter: { endpoint: } } ]\n"), "2:21", "filter 'endpoint' needs a value; filter dropped");

  });
});
