// Spec §10, "must load" column: one test per row, named after the row.
import { load, loadClean, loadFatal } from "./util";
import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { parsePluginConfig } from "../../../assembly/config/plugin-config";
import { loadPolicy, loadPolicyText, resolveEndpoint, HeaderCollection, EnvCollection } from "../../../assembly/policy/index";
import { RuleKind, CorrelateInterest } from "../../../assembly/policy/match-rule";
import { InternalKind, HASH_TYPES, ERROR_TYPES, DEFAULT_ERROR_TYPES } from "../../../assembly/policy/internal";
import { Action, SEARCH_NAMES, SEARCH_REQUEST_BODY, SEARCH_REQUEST_HEADER, SEARCH_RESPONSE_HEADER } from "../../../assembly/policy/match-config";
import { BodyParser, parserFor } from "../../../assembly/policy/content-types";
import { ReportStyle } from "../../../assembly/policy/report";
import { TokenLocation, StepKind } from "../../../assembly/policy/token-extractor";
import { RuleFilterKind } from "../../../assembly/policy/filters";
import { ServiceFilterKind, NameSourceKind } from "../../../assembly/policy/services";
import { ComponentKind } from "../../../assembly/policy/glob";
import { SegmentKind } from "../../../assembly/policy/json-path";
import { CollectionMode } from "../../../assembly/policy/body-collection";

function bytes(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

describe("§10 must load", () => {
  it("Plugin keys: local_policy, upstream_cluster/host/url, api_key, deployment_name", () => {
    const cfg = parsePluginConfig(bytes(`local_policy:
  categories: { a: x }
upstream_cluster: leaksignal_infra
upstream_host: ingestion.example:443
upstream_url: https://ingestion.example
api_key: key
deployment_name: prod
`));
    const problems = cfg.problems;
    const policy = loadPolicy(cfg.config!.localPolicy!, problems);
    expect(policy).not.toBeNull();
    expect(policy!.categories[0].name).toBe("a");
    // As a YAML string: positions refer to the string, and messages say so.
    const asString = parsePluginConfig(bytes("local_policy: |\n  categories: { a: x }\n  bogus: 1\n"));
    const p2 = new ConfigProblems();
    const policy2 = loadPolicyText(bytes(asString.config!.localPolicy!.text), p2);
    expect(policy2).not.toBeNull();
    expect(p2.items.length).toBe(1);
    expect(p2.items[0].toString()).toBe("2:1: local_policy: unknown key 'bogus' in the policy is ignored");
  });

  it("Legacy plugin keys: streaming, group, mode, enable_metrics", () => {
    const cfg = parsePluginConfig(bytes("streaming: false\ngroup: g\nmode: m\nenable_metrics: false\nlocal_policy: {categories: {a: x}}\n"));
    expect(cfg.problems.hasFatal()).toBe(false);
    expect(cfg.config!.enableMetrics).toBe(false);
    expect(loadPolicy(cfg.config!.localPolicy!, cfg.problems)).not.toBeNull();
  });

  it("YAML: tag and map spellings, \\/, duplicate keys, scalar-as-string", () => {
    const l = load(`categories:
  tagged: [ !internal routing_number, !raw_insensitive passwd, !regex "a\\/b" ]
  mapped: [ {internal: routing_number}, {raw_insensitive: passwd}, {regex: "a\\/b"} ]
  number: { except: 0042 }
  number: [ x, { except: 0042 } ]
`);
    expect(l.policy).not.toBeNull();
    // The duplicate key warns (the YAML parser) and the last one wins.
    expect(l.count).toBe(1);
    expect(l.positions).toBe("5:3");
    const t = l.p.category("tagged")!;
    const m = l.p.category("mapped")!;
    for (let i = 0; i < 3; i++) {
      expect(t.rules[i].kind).toBe(m.rules[i].kind);
      expect(t.rules[i].text).toBe(m.rules[i].text);
    }
    expect(t.rules[2].text).toBe("a/b");
    const n = l.p.category("number")!;
    expect(n.rules.length).toBe(2);
    expect(n.excepts[0].text).toBe("0042");
  });

  it("Category forms: list, single, matchers+tag", () => {
    const p = loadClean(`categories:
  listed: [ a, b ]
  single: !raw_insensitive passwd
  single_map: { regex: "x+" }
  single_string: token
  tagged: { matchers: !internal routing_number, tag: banking }
  tagged_list: { matchers: [ a, { except: b } ], tag: t }
`);
    expect(p.category("listed")!.rules.length).toBe(2);
    expect(p.category("single")!.rules[0].kind).toBe(RuleKind.RawInsensitive);
    expect(p.category("single_map")!.rules[0].kind).toBe(RuleKind.Regex);
    expect(p.category("single_string")!.rules[0].kind).toBe(RuleKind.Raw);
    const tagged = p.category("tagged")!;
    expect(tagged.tag).toBe("banking");
    expect(tagged.positives[0].internal!.kind).toBe(InternalKind.RoutingNumber);
    expect(p.category("tagged_list")!.excepts.length).toBe(1);
  });

  it("raw, raw_insensitive, regex, except*, string prefixes", () => {
    const p = loadClean(`categories:
  c:
    - raw: Secret
    - raw_insensitive: passwd
    - regex: "\\\\d{3}"
    - except: "000"
    - except_insensitive: TEST
    - except_regex: "9+"
    - "regex: \\\\w+@x"
    - "raw:  spaced  "
    - "raw_insensitive: Abc"
    - "except: 111"
    - "except_regex: 8+"
    - "except_insensitive: Demo"
    - plain text
`);
    const r = p.category("c")!.rules;
    const kinds: Array<RuleKind> = [
      RuleKind.Raw, RuleKind.RawInsensitive, RuleKind.Regex, RuleKind.Except, RuleKind.ExceptInsensitive, RuleKind.ExceptRegex,
      RuleKind.Regex, RuleKind.Raw, RuleKind.RawInsensitive, RuleKind.Except, RuleKind.ExceptRegex, RuleKind.ExceptInsensitive, RuleKind.Raw,
    ];
    expect(r.length).toBe(kinds.length);
    for (let i = 0; i < kinds.length; i++) expect(r[i].kind).toBe(kinds[i]);
    expect(r[2].text).toBe("\\d{3}");
    expect(r[6].text).toBe("\\w+@x");
    expect(r[7].text).toBe("spaced");
    expect(r[12].text).toBe("plain text");
    expect(p.category("c")!.positives.length).toBe(7);
    expect(p.category("c")!.excepts.length).toBe(6);
  });

  it("Regex tier 1, incl. (?-u:\\b), (?i), (?u), Unicode classes", () => {
    const p = loadClean(`categories:
  c:
    - regex: '(?-u:\\b)\\d{9}(?-u:\\b)'
    - regex: '(?i)secret'
    - regex: '(?u)\\w+'
    - regex: '\\pL+\\p{Greek}\\p{Nd}[[:ascii:]]'
`);
    expect(p.category("c")!.positives.length).toBe(4);
  });

  it("Regex tier 2: lookaround, backrefs, budget", () => {
    const p = loadClean(`categories:
  ssn:
    - regex: '(?!000|666)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}'
    - regex: '(?<=id=)\\d+(?=;)'
    - regex: '(\\w)\\1'
    - regex: '(?<q>x)\\k<q>'
    - regex: '(?>a+)b'
`);
    expect(p.category("ssn")!.positives.length).toBe(5);
    // The step budget is a plugin key (§1), read by the plugin configuration.
    const cfg = parsePluginConfig(bytes("regex_step_budget: 5000\n"));
    expect(cfg.config!.regexStepBudget).toBe(5000);
  });

  it("internal credit_card, routing_number, int_phone, sql, hash (29), error_text (25)", () => {
    const p = loadClean(`categories:
  c:
    - internal: credit_card
    - internal: routing_number
    - internal: int_phone
    - internal: sql
    - internal: hash
    - internal: {hash: bcrypt}
    - internal: {hash: [bcrypt, scrypt]}
    - internal: !hash grub_pbkdf2_sha512
    - internal: error_text
    - internal: {error_text: [go_error, envoy_segfault]}
`);
    const r = p.category("c")!.rules;
    expect(r[0].internal!.kind).toBe(InternalKind.CreditCard);
    expect(r[1].internal!.kind).toBe(InternalKind.RoutingNumber);
    expect(r[2].internal!.kind).toBe(InternalKind.IntPhone);
    expect(r[3].internal!.kind).toBe(InternalKind.Sql);
    expect(HASH_TYPES.length).toBe(29);
    expect(r[4].internal!.hashTypes.length).toBe(29);
    expect(r[5].internal!.hashTypes.length).toBe(1);
    expect(r[6].internal!.hashTypes.length).toBe(2);
    expect(HASH_TYPES[r[7].internal!.hashTypes[0]]).toBe("grub_pbkdf2_sha512");
    expect(ERROR_TYPES.length).toBe(25);
    expect(r[8].internal!.errorTypes.length).toBe(DEFAULT_ERROR_TYPES);
    expect(ERROR_TYPES[r[9].internal!.errorTypes[1]]).toBe("envoy_segfault");
    // Every hash and error type name loads.
    let src = "categories:\n  h:\n";
    for (let i = 0; i < HASH_TYPES.length; i++) src += "    - internal: {hash: " + HASH_TYPES[i] + "}\n";
    src += "  e:\n";
    for (let i = 0; i < ERROR_TYPES.length; i++) src += "    - internal: {error_text: " + ERROR_TYPES[i] + "}\n";
    const all = loadClean(src);
    expect(all.category("h")!.rules.length).toBe(29);
    expect(all.category("e")!.rules.length).toBe(25);
  });

  it("internal national_phone inside and", () => {
    const l = load(`categories:
  us:
    - regex: '\\d{3}-\\d{4}'
    - and: { internal: !national_phone US }
  de:
    - regex: '\\d+'
    - and: [ { internal: { national_phone: de } } ]
  aq:
    - regex: '\\d+'
    - and: [ { internal: { national_phone: AQ } } ]
`);
    expect(l.policy).not.toBeNull();
    const us = l.p.category("us")!.ands[0].and[0].internal!;
    expect(us.kind).toBe(InternalKind.NationalPhone);
    expect(us.region).toBe("US");
    const de = l.p.category("de")!.ands[0].and[0].internal!;
    expect(de.region).toBe("DE");
    expect(de.regionSupported).toBe(true);
    const aq = l.p.category("aq")!.ands[0].and[0].internal!;
    expect(aq.regionSupported).toBe(false);
    // A region the validator does not know passes, with a load warning (§3.3).
    expect(l.count).toBe(1);
    expect(l.positions).toBe("10:44");
    expect(l.has("national_phone region 'AQ' is not validated exactly; numbers of that region pass")).toBe(true);
  });

  it("and: single, list, nested", () => {
    const p = loadClean(`categories:
  c:
    - regex: '\\d+'
    - and: !internal routing_number
    - and: [ "12", { raw: "3" } ]
    - and: { and: [ { regex: "1" }, { and: "2" } ] }
`);
    const ands = p.category("c")!.ands;
    expect(ands.length).toBe(3);
    expect(ands[0].and.length).toBe(1);
    expect(ands[1].and.length).toBe(2);
    expect(ands[2].and[0].kind).toBe(RuleKind.And);
    expect(ands[2].and[0].and[1].and[0].text).toBe("2");
  });

  it("correlate: matches, match_group, string; primary/secondary/all; multiple", () => {
    const p = loadClean(`categories:
  label: [ {raw_insensitive: iban} ]
  c:
    - regex: '\\d{9}'
    - correlate: { max_distance: 40, matches: [ {raw_insensitive: iban} ] }
    - correlate: { interest: secondary, max_distance: 10, match_group: label }
    - correlate: { interest: all, max_distance: 0, matches: label }
`);
    const cs = p.category("c")!.correlates;
    expect(cs.length).toBe(3);
    expect(cs[0].interest).toBe(CorrelateInterest.Primary);
    expect(cs[0].maxDistance).toBe(40);
    expect(cs[0].rules.length).toBe(1);
    expect(cs[1].interest).toBe(CorrelateInterest.Secondary);
    expect(cs[1].groupName).toBe("label");
    expect(cs[2].interest).toBe(CorrelateInterest.All);
    expect(cs[2].groupName).toBe("label");
  });

  it("Nested correlate (fatal)", () => {
    loadFatal(`categories:
  c:
    - regex: x
    - correlate:
        max_distance: 5
        matches:
          - raw: y
          - correlate: { max_distance: 1, matches: [z] }
`, "8:13", "a correlate cannot be nested inside a correlate's matches");
  });

  it("Endpoint matches: glob, list, RuleFilter, absent", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - matches: "*/api/**"
  - matches: [ "*/a", "/b" ]
  - matches: { endpoint: "*/c/**" }
  - config: { a: {} }
`);
    expect(p.endpoints[0].globs[0].source).toBe("*/api/**");
    expect(p.endpoints[1].globs.length).toBe(2);
    expect(p.endpoints[2].globs.length).toBe(0);
    expect(p.endpoints[2].filter!.kind).toBe(RuleFilterKind.Endpoint);
    expect(p.endpoints[3].globs[0].source).toBe("**");
    const eff = resolveEndpoint(p, "h", "/c/d");
    expect(eff.endpoints.length).toBe(2);
    expect(eff.endpoints[1].matcherPath).toBe("*/c/**");
  });

  it("Match Config: matcher, name, 4 actions, content_types, contexts (incl. !header), search, ignore, report fields", () => {
    const p = loadClean(`categories: { a: x, b: y }
endpoints:
  - config:
      a: { matcher: b, name: emitted, action: alert, content_types: [json, html], contexts: [keys, values, values_key, !header X-Token], search: request_header, ignore: [t1, t2], report_style: sha256, report_bits: 12 }
      b: { action: block, contexts: { header: authorization } }
      c: { matcher: a, action: !redact "#" }
      d: { matcher: a, action: { redact: "" } }
      e: { action: ignore }
`);
    const c = p.endpoints[0].config;
    expect(c[0].matcher).toBe("b");
    expect(c[0].name).toBe("emitted");
    expect(c[0].category!.name).toBe("b");
    expect(c[0].action).toBe(Action.Alert);
    expect(c[0].contentTypes.length).toBe(2);
    expect(c[0].contentTypes[1]).toBe(<i32>BodyParser.Text);
    expect(c[0].contexts.keys && c[0].contexts.values && c[0].contexts.valuesKey).toBe(true);
    expect(c[0].contexts.headers[0]).toBe("x-token");
    expect(c[0].search).toBe(SEARCH_REQUEST_HEADER);
    expect(c[0].ignore.join(",")).toBe("t1,t2");
    expect(c[0].reportStyle).toBe(<i32>ReportStyle.Sha256);
    expect(c[0].reportBits).toBe(12);
    expect(c[1].action).toBe(Action.Block);
    expect(c[1].contexts.headers[0]).toBe("authorization");
    expect(c[2].action).toBe(Action.Redact);
    expect(c[2].mask).toBe("#");
    expect(c[3].action).toBe(Action.Redact);
    expect(c[3].mask).toBe("");
    expect(c[4].action).toBe(Action.Ignore);
    expect(c[4].category).toBeNull();
    // Every search value.
    const masks: Array<i32> = [1, 2, 3, 4, 8, 12, 15, 0, 0];
    for (let i = 0; i < SEARCH_NAMES.length; i++) {
      const q = loadClean("categories: {a: x}\nendpoints: {config: {a: {search: " + SEARCH_NAMES[i] + "}}}\n");
      expect(q.endpoints[0].config[0].search).toBe(masks[i]);
    }
  });

  it("Endpoint search, content_type_override; precedence", () => {
    const p = loadClean(`categories: { a: x, b: y }
endpoints:
  - search: request_body
    content_type_override: json
    config: { a: {}, b: { search: all } }
  - matches: "*/x/**"
    content_type_override: grpc
    search: response_header
    config: { b: {} }
`);
    let eff = resolveEndpoint(p, "h", "/y");
    expect(eff.contentTypeOverride).toBe(<i32>BodyParser.Json);
    expect(eff.entry("a")!.search).toBe(SEARCH_REQUEST_BODY);
    expect(eff.entry("b")!.search).toBe(15);
    eff = resolveEndpoint(p, "h", "/x/1");
    // The most specific endpoint wins; its entry replaces the general one whole.
    expect(eff.contentTypeOverride).toBe(<i32>BodyParser.Grpc);
    expect(eff.entry("a")!.search).toBe(SEARCH_REQUEST_BODY);
    expect(eff.entry("b")!.search).toBe(SEARCH_RESPONSE_HEADER);
  });

  it("token_extractor: legacy regex/hash, chain, metadata, cookie, response", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - matches: "*/legacy"
    token_extractor: { location: request, header: X-Session, regex: "^Sess (\\\\S+)$", hash: true, extractor: jwt_decode }
  - matches: "*/cookie"
    token_extractor:
      location: request_cookie
      header: SessionId
      extractor:
        - !regex "(.+)"
        - jwt_decode
        - metadata: { org: {json_path: "$.org"}, sub_h: [ {json_path: "$['sub']"}, hash ] }
        - json_path: "$.users[0].*"
  - matches: "*/response"
    token_extractor: { location: response, header: x-token }
`);
    const legacy = p.endpoints[0].tokenExtractor!;
    expect(legacy.header).toBe("x-session");
    expect(legacy.steps.length).toBe(3);
    expect(legacy.steps[0].kind).toBe(StepKind.Regex);
    expect(legacy.steps[1].kind).toBe(StepKind.JwtDecode);
    expect(legacy.steps[2].kind).toBe(StepKind.Hash);
    const cookie = p.endpoints[1].tokenExtractor!;
    expect(cookie.location).toBe(TokenLocation.RequestCookie);
    expect(cookie.header).toBe("SessionId");
    expect(cookie.steps.length).toBe(4);
    expect(cookie.steps[2].metadata[1].steps[0].jsonPath!.segments[0].key).toBe("sub");
    const segs = cookie.steps[3].jsonPath!.segments;
    expect(segs.length).toBe(3);
    expect(segs[1].kind).toBe(SegmentKind.Index);
    expect(segs[2].kind).toBe(SegmentKind.AnyKey);
    expect(p.endpoints[2].tokenExtractor!.location).toBe(TokenLocation.Response);
  });

  it("request/response_extractors: all forms, include_all", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - request_extractors:
      user: "$.user.id"
      emails: { path: [ "users[*].email", "$.owner.email" ], regex: "@(.+)" }
      mixed: [ "a.b", { path: "c[0]" } ]
    response_extractors:
      extractors: { total: "summary.total" }
      include_all: true
`);
    const rq = p.endpoints[0].requestExtractors!;
    expect(rq.includeAll).toBe(false);
    expect(rq.entries.length).toBe(3);
    expect(rq.entries[1].alternatives[0].paths.length).toBe(2);
    expect(rq.entries[1].alternatives[0].regex).toBe("@(.+)");
    expect(rq.entries[2].alternatives.length).toBe(2);
    const rs = p.endpoints[0].responseExtractors!;
    expect(rs.includeAll).toBe(true);
    expect(rs.entries[0].name).toBe("total");
  });

  it("exploit_detection: ls_hash:*, ls_error_text:*, entropy, non-ASCII", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - exploit_detection: {}
  - matches: "*/x"
    exploit_detection: { hashes: [grub_pbkdf2_sha512, mysql141], error_text: [go_error], measure_entropy: false, detect_non_ascii: false }
    config: { "ls_hash:Mysql141": { action: block } }
`);
    const ed = p.endpoints[0].exploitDetection!;
    expect(ed.hashes.length).toBe(29);
    expect(ed.errorTypes.length).toBe(11);
    expect(ed.measureEntropy && ed.detectNonAscii).toBe(true);
    expect(p.category("ls_hash:GrubPbkdf2Sha512")!.builtin).toBe(true);
    expect(p.category("ls_hash:Mysql141")!.positives[0].internal!.kind).toBe(InternalKind.Hash);
    expect(p.category("ls_error_text:JsError")).not.toBeNull();
    expect(p.categories.length).toBe(1 + 29 + 11);
    const ed2 = p.endpoints[1].exploitDetection!;
    expect(ed2.measureEntropy || ed2.detectNonAscii).toBe(false);
    const eff = resolveEndpoint(p, "h", "/x");
    expect(eff.exploitDetection).toBe(ed2);
    // An explicit config key of a built-in name overrides its entry.
    expect(eff.entry("ls_hash:Mysql141")!.config.action).toBe(Action.Block);
    expect(eff.entry("ls_error_text:GoError")!.matcherPath).toBe("*/x");
  });

  it("Path globs: all kinds, !, leading /; specificity; path_groups", () => {
    const p = loadClean(`categories: { a: x }
path_groups: [ "!*/users/!*/**", "/static/**" ]
endpoints:
  - matches: [ "**", "*", "#v[0-9]+", "*mid*", "*.jsp", "api*", "exact", "!*/keep", "/form.html" ]
`);
    const g = p.endpoints[0].globs;
    expect(g[0].components[0].kind).toBe(ComponentKind.DoubleStar);
    expect(g[1].components[0].kind).toBe(ComponentKind.Star);
    expect(g[2].components[0].kind).toBe(ComponentKind.Regex);
    expect(g[3].components[0].kind).toBe(ComponentKind.Contains);
    expect(g[4].components[0].kind).toBe(ComponentKind.EndsWith);
    expect(g[5].components[0].kind).toBe(ComponentKind.StartsWith);
    expect(g[6].components[0].kind).toBe(ComponentKind.Literal);
    expect(g[7].components[0].preserved).toBe(true);
    expect(g[8].components.length).toBe(2);
    expect(resolveEndpoint(p, "Shop.test", "/users/42/orders").policyPath).toBe("shop.test/users/42/**");
    expect(resolveEndpoint(p, "shop.test", "/static/app.js").policyPath).toBe("*/static/**");
  });

  it("RuleFilter keys (§6.1)", () => {
    const p = loadClean(`categories: { a: x }
sbac:
  - filter: { endpoint: "*/a" }
  - filter: { exclude_endpoint: ["*/b"] }
  - filter: { policy_path: "*/c" }
  - filter: { exclude_policy_path: "*/c" }
  - filter: { local_service: external }
  - filter: { exclude_local_service: { ns: shop } }
  - filter: { peer_service: [ { sa: cart } ] }
  - filter: { exclude_peer_service: response_outbound }
  - filter: { token: [ "regex: [0-9a-f]{8}", { except: "00000000" } ] }
  - filter: { exclude_token: admin }
  - filter: { ip: [ 10.0.0.0/8, "::1", "2001:db8::/32" ] }
  - filter: { exclude_ip: 192.168.1.7 }
  - filter: { request_headers: { X-Debug: "1" } }
  - filter: { exclude_request_headers: { user-agent: { raw_insensitive: curl } } }
  - filter: { response_headers: { server: envoy } }
  - filter: { exclude_response_headers: { server: envoy } }
  - filter: { response_trailers: { grpc-status: "0" } }
  - filter: { exclude_response_trailers: { grpc-status: "0" } }
  - filter: { request_cookie: { Session: "x" } }
  - filter: { exclude_request_cookie: { Session: "x" } }
  - filter: { request_matches: { a: 1 } }
  - filter: { response_matches: { "*": 2 } }
  - filter: { downstream_matches: { a: 1 } }
  - filter: { upstream_matches: { a: 1 } }
  - filter: response_outbound
  - filter: response_inbound
  - filter: { any: [ response_inbound, { endpoint: "**" } ] }
  - filter: { all: [ response_inbound, { endpoint: "**" } ] }
`);
    expect(p.sbac.length).toBe(28);
    const kinds: Array<RuleFilterKind> = [
      RuleFilterKind.Endpoint, RuleFilterKind.Endpoint, RuleFilterKind.PolicyPath, RuleFilterKind.PolicyPath,
      RuleFilterKind.LocalService, RuleFilterKind.LocalService, RuleFilterKind.PeerService, RuleFilterKind.PeerService,
      RuleFilterKind.Token, RuleFilterKind.Token, RuleFilterKind.Ip, RuleFilterKind.Ip,
      RuleFilterKind.RequestHeaders, RuleFilterKind.RequestHeaders, RuleFilterKind.ResponseHeaders, RuleFilterKind.ResponseHeaders,
      RuleFilterKind.ResponseTrailers, RuleFilterKind.ResponseTrailers, RuleFilterKind.RequestCookie, RuleFilterKind.RequestCookie,
      RuleFilterKind.RequestMatches, RuleFilterKind.ResponseMatches, RuleFilterKind.DownstreamMatches, RuleFilterKind.UpstreamMatches,
      RuleFilterKind.ResponseOutbound, RuleFilterKind.ResponseInbound, RuleFilterKind.Any, RuleFilterKind.All,
    ];
    for (let i = 0; i < kinds.length; i++) {
      expect(p.sbac[i].filter.kind).toBe(kinds[i]);
      if (i < 20) expect(p.sbac[i].filter.exclude).toBe(i % 2 == 1);
    }
    expect(p.sbac[10].filter.ips.length).toBe(3);
    expect(p.sbac[12].filter.headers[0].name).toBe("x-debug");
    expect(p.sbac[18].filter.headers[0].name).toBe("Session");
    expect(p.sbac[8].filter.rules.length).toBe(2);
  });

  it("MatchRuleFilter: int, string, list, path, exclude_path, value, count, any, all, *", () => {
    const p = loadClean(`categories: { a: x }
sbac:
  - filter:
      response_matches:
        a: 3
        "*": "users[*].email"
  - filter:
      request_matches:
        a:
          - { path: ["$.a", "b[0]"], exclude_path: "c.*", count: 2 }
          - { value: [ "regex: \\\\d+", { except: "0" } ] }
          - { any: [ 1, "x.y" ], all: [ { count: 4 } ] }
`);
    const t0 = p.sbac[0].filter.matches;
    expect(t0[0].filter.constraints[0].count).toBe(3);
    expect(t0[1].category).toBe("*");
    expect(t0[1].filter.constraints[0].paths[0].segments.length).toBe(3);
    const c = p.sbac[1].filter.matches[0].filter.constraints;
    expect(c.length).toBe(3);
    expect(c[0].paths.length).toBe(2);
    expect(c[0].excludePaths[0].segments[1].kind).toBe(SegmentKind.AnyKey);
    expect(c[0].count).toBe(2);
    expect(c[1].value.length).toBe(2);
    expect(c[1].count).toBe(1);
    expect(c[2].any.length).toBe(2);
    expect(c[2].all[0].constraints[0].count).toBe(4);
  });

  it("ServiceFilter, service-name sources", () => {
    const p = loadClean(`categories: { a: x }
local_service_name:
  cluster: none
  ns: !env POD_NAMESPACE
  sa: !attrs node.metadata.SERVICE_ACCOUNT
  workload: { default: { from: !env WORKLOAD, to: !raw web } }
peer_service_name: istio
filter: { any: [ { cluster: cluster.local }, { exclude_ns: [ kube-system ] }, { sa: { regex: "svc-.*" } }, { workload: web }, "cluster.local/shop/cart", external, response_outbound, { all: [ response_inbound ] } ] }
`);
    const l = p.localServiceName;
    expect(l.cluster.kind).toBe(NameSourceKind.None);
    expect(l.ns.kind).toBe(NameSourceKind.Env);
    expect(l.ns.text).toBe("POD_NAMESPACE");
    expect(l.sa.kind).toBe(NameSourceKind.Attrs);
    expect(l.sa.attrPath.length).toBe(3);
    expect(l.workload.kind).toBe(NameSourceKind.Default);
    expect(l.workload.from!.kind).toBe(NameSourceKind.Env);
    expect(l.workload.to!.text).toBe("web");
    expect(p.peerServiceName.cluster.kind).toBe(NameSourceKind.Istio);
    const f = p.filter!;
    expect(f.kind).toBe(ServiceFilterKind.Any);
    const kinds: Array<ServiceFilterKind> = [
      ServiceFilterKind.Cluster, ServiceFilterKind.Ns, ServiceFilterKind.Sa, ServiceFilterKind.Workload,
      ServiceFilterKind.Canonical, ServiceFilterKind.Canonical, ServiceFilterKind.ResponseOutbound, ServiceFilterKind.All,
    ];
    for (let i = 0; i < kinds.length; i++) expect(f.children[i].kind).toBe(kinds[i]);
    expect(f.children[1].exclude).toBe(true);
    expect(f.children[4].rules[0].text).toBe("cluster.local/shop/cart");
  });

  it("sbac: all stages, null name", () => {
    const stages = ["any", "pre_request_headers", "on_request_header_chunk", "post_request_headers", "on_request_body_chunk",
      "post_request_body", "on_response_header_chunk", "post_response_headers", "on_response_body_chunk",
      "post_response_body", "on_response_trailer_chunk", "post_response_trailers"];
    let src = "categories: { a: x }\nsbac:\n";
    for (let i = 0; i < stages.length; i++) src += "  - { name: s" + i.toString() + ", stage: " + stages[i] + ", filter: response_inbound }\n";
    src += "  - { name: null, filter: response_inbound }\n  - { filter: response_inbound }\n";
    const p = loadClean(src);
    for (let i = 0; i < stages.length; i++) expect(p.sbac[i].stage).toBe(i);
    expect(p.sbac[12].name).toBeNull();
    expect(p.sbac[12].label).toBe("12");
    expect(p.sbac[13].stage).toBe(0);
    expect(p.sbac[5].activeAt(9)).toBe(true);
    expect(p.sbac[9].activeAt(5)).toBe(false);
  });

  it("rules / ratelimits", () => {
    const src = `categories: { a: x }
KEY:
  - name: burst
    grouping: per_service
    by: [ ip, token, service, inbound_service, outbound_service, { header: X-User, regex: "u-(.*)" }, { request_match: a } ]
    count_by: token
    action: alert_block
    timespan_secs: 60
    limit: 100
    filter: { endpoint: "*/login" }
    severity: IMMEDIATE
    muted: true
  - { limit: 5 }
`;
    const a = loadClean(src.replace("KEY", "rules"));
    const b = loadClean(src.replace("KEY", "ratelimits"));
    expect(a.rateRules.length).toBe(2);
    expect(b.rateRules.length).toBe(2);
    const r = a.rateRules[0];
    expect(r.by.length).toBe(7);
    expect(r.by[5].name).toBe("x-user");
    expect(r.countBy.length).toBe(1);
    expect(r.action).toBe(3);
    expect(r.limit).toBe(100);
    expect(r.severity).toBe(3);
    expect(r.muted).toBe(true);
    const d = a.rateRules[1];
    expect(d.by[0].kind).toBe(0);
    expect(d.action).toBe(2);
    expect(d.severity).toBe(2);
  });

  it("body_collection, body_collection_rate", () => {
    const p = loadClean(`categories: { a: x }
body_collection:
  - { mode: request_only, sample_rate: 0.5, max_body_collection_mb: 2, filter: { endpoint: "*/upload" } }
  - { sample_rate: 1 }
body_collection_rate: 0.25
`);
    expect(p.bodyCollection.length).toBe(3);
    expect(p.bodyCollection[0].mode).toBe(CollectionMode.RequestOnly);
    expect(p.bodyCollection[0].maxBodyCollectionMb).toBe(2.0);
    expect(p.bodyCollection[1].mode).toBe(CollectionMode.All);
    expect(p.bodyCollection[1].maxBodyCollectionMb).toBe(16.0);
    expect(p.bodyCollection[2].mode).toBe(CollectionMode.ResponseOnly);
    expect(p.bodyCollection[2].sampleRate).toBe(0.25);
  });

  it("collected_*_headers, header_collection, collected_env_vars", () => {
    const p = loadClean(`categories: { a: x }
collected_request_headers: [ X-Request-Id, ":path" ]
collected_response_headers: Server
header_collection: all_response
collected_env_vars: [ MY_VAR ]
`);
    expect(p.collectedRequestHeaders.join(",")).toBe("x-request-id,:path");
    expect(p.collectedResponseHeaders.join(",")).toBe("server");
    expect(p.headerCollection).toBe(HeaderCollection.AllResponse);
    expect(p.envCollection).toBe(EnvCollection.List);
    expect(p.collectedEnvVars.length).toBe(9);
    expect(loadClean("categories: {}\ncollected_env_vars: all\n").envCollection).toBe(EnvCollection.All);
    expect(loadClean("categories: {}\ncollected_env_vars: none\n").envCollection).toBe(EnvCollection.None);
    const d = loadClean("categories: {}\n");
    expect(d.headerCollection).toBe(HeaderCollection.None);
    expect(d.collectedRequestHeaders.length).toBe(17);
    expect(d.collectedResponseHeaders.length).toBe(16);
  });

  it("content_types: map or list, all parsers, html", () => {
    const p = loadClean(`categories: { a: x }
content_types:
  application/x-ndjson: json
  Text/HTML: none
  application/vnd.llm: llm_api
  application/msgpack: msgpack
  text/legacy: html
  application/text: text
  application/grpc-web: grpc
`);
    expect(parserFor(p.contentTypes, "application/x-ndjson; charset=utf-8")).toBe(BodyParser.Json);
    expect(parserFor(p.contentTypes, "text/html")).toBe(BodyParser.None);
    expect(parserFor(p.contentTypes, "application/vnd.llm")).toBe(BodyParser.LlmApi);
    expect(parserFor(p.contentTypes, "application/msgpack")).toBe(BodyParser.Msgpack);
    expect(parserFor(p.contentTypes, "text/legacy")).toBe(BodyParser.Text);
    expect(parserFor(p.contentTypes, "application/json")).toBe(BodyParser.Json);
    expect(parserFor(p.contentTypes, "image/png")).toBe(BodyParser.None);
    const q = loadClean("categories: {}\ncontent_types: [ {application/x-a: json}, {text/plain: none} ]\n");
    expect(parserFor(q.contentTypes, "application/x-a")).toBe(BodyParser.Json);
    expect(parserFor(q.contentTypes, "text/plain")).toBe(BodyParser.None);
    // filebeat, fluentd and tls load, with a warning that they act as none in HTTP.
    const l = load("categories: {}\ncontent_types: { a/b: filebeat, c/d: fluentd, e/f: tls }\n");
    expect(l.policy).not.toBeNull();
    expect(l.positions).toBe("2:23,2:38,2:52");
  });

  it("stream_types, stream_upload_interval, file_types", () => {
    const p = loadClean(`categories: { a: x }
stream_types: [ { tcp: {} } ]
stream_upload_interval: 30
file_types: { pdf: text }
`);
    expect(p.categories.length).toBe(1);
  });

  it("report_style / report_bits at 3 levels", () => {
    const p = loadClean(`report_style: partial_sha256
report_bits: 16
categories: { a: x, b: y, c: z }
endpoints:
  - config: { a: {}, b: {} }
  - matches: "*/x/**"
    report_style: sha256
    report_bits: 8
    config: { b: {}, c: { report_style: none, report_bits: 4 } }
`);
    const eff = resolveEndpoint(p, "h", "/x/y");
    expect(eff.entry("a")!.reportStyle).toBe(ReportStyle.PartialSha256);
    expect(eff.entry("a")!.reportBits).toBe(16);
    expect(eff.entry("b")!.reportStyle).toBe(ReportStyle.Sha256);
    expect(eff.entry("b")!.reportBits).toBe(8);
    expect(eff.entry("c")!.reportStyle).toBe(ReportStyle.None);
    expect(eff.entry("c")!.reportBits).toBe(4);
    const d = loadClean("categories: {a: x}\nendpoints: {config: {a: {}}}\n");
    const e = resolveEndpoint(d, "h", "/").entry("a")!;
    expect(e.reportStyle).toBe(ReportStyle.Raw);
    expect(e.reportBits).toBe(32);
  });

  it("blocked_ips/tokens, top-level filter, legacy services", () => {
    const p = loadClean(`categories: { a: x, b: y }
blocked_ips: [ 203.0.113.0/24, "2001:db8::1" ]
blocked_tokens: deadBEEF
filter: { ns: shop }
services:
  - filter: { workload: cart }
    use_default_endpoints: false
    endpoints: [ { matches: "**", config: { b: {} } } ]
endpoints:
  - config: { a: {} }
`);
    expect(p.blockedIps.length).toBe(2);
    expect(p.blockedIps[0].prefix).toBe(24);
    expect(p.blockedIps[1].v6).toBe(true);
    expect(p.blockedTokens[0]).toBe("DEADBEEF");
    expect(p.filter!.kind).toBe(ServiceFilterKind.Ns);
    expect(p.services.length).toBe(1);
    expect(p.services[0].useDefaultEndpoints).toBe(false);
    expect(p.endpoints.length).toBe(2);
    expect(p.endpoints[0].serviceScope).toBe(0);
    // Without service data the scoped endpoints stay off.
    const eff = resolveEndpoint(p, "h", "/");
    expect(eff.entry("a")).not.toBeNull();
    expect(eff.entry("b")).toBeNull();
  });
});
