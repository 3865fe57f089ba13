// Filter-mode rules (§3.2) and the request-side RuleFilter leaves used to select RuleFilter
// endpoints at request headers (§4.1, §6.1).
import { loadClean } from "./util";
import { resolveTarget, RequestFacts } from "../../../assembly/policy/index";
import { splitTarget } from "../../../assembly/policy/glob";
import { filterRulesAccept, setInternalValidator } from "../../../assembly/policy/filter-rules";
import { internalAcceptsWhole } from "../../../assembly/policy/internal-validate";
import { InternalMatcher, InternalKind } from "../../../assembly/policy/internal";
import { MatchRule } from "../../../assembly/policy/match-rule";
import { ServiceIdentity, serviceFilterPasses } from "../../../assembly/policy/service-eval";

/** The rules of the single token leaf of a one-item sbac. */
function rules(yaml: string): Array<MatchRule> {
  const p = loadClean("categories: {}\nsbac: [ { filter: { token: " + yaml + " } } ]\n");
  return p.sbac[0].filter.rules;
}

function onlyNines(m: InternalMatcher, value: string): bool {
  return m.kind == InternalKind.RoutingNumber && value == "999";
}

/** Which of the policy's endpoints apply (by index, comma-separated) for `facts`. */
function applied(src: string, path: string, facts: RequestFacts): string {
  const p = loadClean(src);
  const eff = resolveTarget(p, splitTarget("h", path), facts);
  const out = new Array<string>();
  for (let i = 0; i < eff.endpoints.length; i++) out.push(eff.endpoints[i].endpoint.index.toString());
  return out.join(",");
}

describe("filter-mode rules (§3.2)", () => {
  it("raw is equality, raw_insensitive ASCII-CI equality", () => {
    expect(filterRulesAccept(rules("abc"), "abc")).toBe(true);
    expect(filterRulesAccept(rules("abc"), "xabc")).toBe(false);
    expect(filterRulesAccept(rules("{ raw_insensitive: AbC }"), "aBc")).toBe(true);
    expect(filterRulesAccept(rules("{ raw_insensitive: straße }"), "STRASSE")).toBe(false);
  });

  it("regex is a full match", () => {
    const r = rules("{ regex: '[0-9a-f]{4}' }");
    expect(filterRulesAccept(r, "beef")).toBe(true);
    expect(filterRulesAccept(r, "beefy")).toBe(false);
    expect(filterRulesAccept(r, "xbeef")).toBe(false);
  });

  it("any positive passes; excepts fail on equal or full match; no positive means pass", () => {
    const r = rules("[ a, b, { except: b }, { except_insensitive: C }, { except_regex: 'd+' } ]");
    expect(filterRulesAccept(r, "a")).toBe(true);
    expect(filterRulesAccept(r, "b")).toBe(false);
    expect(filterRulesAccept(r, "z")).toBe(false);
    const onlyExcepts = rules("[ { except: x }, { except_regex: 'y+' } ]");
    expect(filterRulesAccept(onlyExcepts, "anything")).toBe(true);
    expect(filterRulesAccept(onlyExcepts, "x")).toBe(false);
    expect(filterRulesAccept(onlyExcepts, "yyy")).toBe(false);
    expect(filterRulesAccept(onlyExcepts, "yyyz")).toBe(true);
    expect(filterRulesAccept(onlyExcepts, "")).toBe(true);
  });

  it("and: the value must also pass every rule, nested included", () => {
    const r = rules("[ { regex: '[a-z]+' }, { and: [ { regex: 'a.*' }, { and: { except: abc } } ] } ]");
    expect(filterRulesAccept(r, "axe")).toBe(true);
    expect(filterRulesAccept(r, "bxe")).toBe(false);
    expect(filterRulesAccept(r, "abc")).toBe(false);
  });

  it("internal accepts the whole value, through the native matchers", () => {
    expect(filterRulesAccept(rules("!internal routing_number"), "021000021")).toBe(true);
    expect(filterRulesAccept(rules("!internal routing_number"), "912345678")).toBe(false);
    expect(filterRulesAccept(rules("!internal credit_card"), "4111 1111 1111 1111")).toBe(true);
    expect(filterRulesAccept(rules("!internal credit_card"), "4111 1111 1111 1112")).toBe(false);
    expect(filterRulesAccept(rules("!internal int_phone"), "+44 20 7946 0958")).toBe(true);
    const us = rules("[ { regex: '.*' }, { and: { internal: !national_phone US } } ]");
    expect(filterRulesAccept(us, "(415) 555-0132")).toBe(true);
    expect(filterRulesAccept(us, "(415) 155-0132")).toBe(false);
    expect(filterRulesAccept(rules("!internal sql"), "SELECT * FROM users")).toBe(true);
    expect(filterRulesAccept(rules("!internal sql"), "SELECT 1")).toBe(false);
    const bcrypt = "$2b$12$" + "a".repeat(53);
    expect(filterRulesAccept(rules("{ internal: { hash: [ argon2, bcrypt ] } }"), bcrypt)).toBe(true);
    expect(filterRulesAccept(rules("{ internal: { hash: argon2 } }"), bcrypt)).toBe(false);
    expect(filterRulesAccept(rules("{ internal: { error_text: py_error } }"), "Traceback (most recent call last):")).toBe(true);
  });

  it("internal validation can be replaced", () => {
    const r = rules("!internal routing_number");
    setInternalValidator(onlyNines);
    expect(filterRulesAccept(r, "999")).toBe(true);
    expect(filterRulesAccept(r, "021000021")).toBe(false);
    setInternalValidator(internalAcceptsWhole);
  });
});

describe("RuleFilter endpoints with request data (§4.1, §6.1)", () => {
  it("token leaves see the token, or \"\" without one", () => {
    const src = "categories: {}\nendpoints:\n  - matches: { token: { regex: 'adm.*' } }\n  - matches: { exclude_token: { regex: '.+' } }\n";
    const f = new RequestFacts();
    expect(applied(src, "/", f)).toBe("1");
    f.token = "admin";
    expect(applied(src, "/", f)).toBe("0");
  });

  it("ip leaves test source.address without its port", () => {
    const src = "categories: {}\nendpoints:\n  - matches: { ip: [ 10.0.0.0/8, '2001:db8::/32' ] }\n  - matches: { exclude_ip: 10.1.2.3 }\n";
    const f = new RequestFacts();
    expect(applied(src, "/", f)).toBe("");
    f.sourceAddress = "10.1.2.3:5555";
    expect(applied(src, "/", f)).toBe("0");
    f.sourceAddress = "[2001:db8::7]:443";
    expect(applied(src, "/", f)).toBe("0,1");
    f.sourceAddress = "192.0.2.1";
    expect(applied(src, "/", f)).toBe("1");
  });

  it("request_headers: each name present with a passing value; exclude_: absent or none passes", () => {
    const src = "categories: {}\nendpoints:\n  - matches: { request_headers: { X-A: '1', x-b: { regex: '.*' } } }\n  - matches: { exclude_request_headers: { x-a: '1' } }\n";
    const f = new RequestFacts();
    expect(applied(src, "/", f)).toBe("1");
    f.addHeader("x-a", "2");
    f.addHeader("X-A", "1");
    expect(applied(src, "/", f)).toBe("");
    f.addHeader("x-b", "");
    expect(applied(src, "/", f)).toBe("0");
  });

  it("request_cookie: pairs split on ';' and trimmed; names as written", () => {
    const src = "categories: {}\nendpoints:\n  - matches: { request_cookie: { Session: { regex: 's-.*' } } }\n";
    const f = new RequestFacts();
    f.addHeader("cookie", "a=1; session=s-lower");
    expect(applied(src, "/", f)).toBe("");
    f.addHeader("Cookie", " x=y ;Session = s-42 ");
    expect(applied(src, "/", f)).toBe("0");
  });

  it("response and match leaves are false at request headers; direction leaves follow the listener", () => {
    const src = `categories: { a: x }
endpoints:
  - matches: { response_headers: { server: { regex: '.*' } } }
  - matches: { request_matches: { a: 1 } }
  - matches: response_outbound
  - matches: { any: [ response_inbound, { endpoint: "*/never" } ] }
`;
    const f = new RequestFacts();
    expect(applied(src, "/", f)).toBe("3");
    f.outbound = true;
    expect(applied(src, "/", f)).toBe("2");
  });

  it("policy_path leaves test the policy path; service leaves ask the host", () => {
    const src = `categories: {}
path_groups: [ "*/users/*" ]
endpoints:
  - matches: { policy_path: "*/users/*" }
  - matches: { local_service: { ns: shop } }
`;
    expect(applied(src, "/users/7", new RequestFacts())).toBe("0");
    expect(applied(src, "/users/7/x", new RequestFacts())).toBe("");
    const f = new RequestFacts();
    expect(applied(src, "/x", f)).toBe("");
    f.localService = new ServiceIdentity("cluster.local", "shop", "cart", "cart-v1");
    expect(applied(src, "/x", f)).toBe("1");
  });

  it("legacy services scope endpoints by the local service", () => {
    const src = `categories: {}
services:
  - filter: { ns: shop }
    endpoints: [ { matches: "**" } ]
  - filter: { ns: other }
    use_default_endpoints: false
    endpoints: [ { matches: "**" } ]
endpoints: [ { matches: "**" } ]
`;
    const f = new RequestFacts();
    expect(applied(src, "/", f)).toBe("2");
    f.localService = new ServiceIdentity("c", "shop", "sa");
    // Ties: the item's endpoint applies after (wins over) the global one.
    expect(applied(src, "/", f)).toBe("2,0");
    f.localService = new ServiceIdentity("c", "other", "sa");
    expect(applied(src, "/", f)).toBe("1");
  });
});

describe("service filters (§6.3)", () => {
  it("canonical service string: cluster/ns/sa, else the workload, else external", () => {
    expect(new ServiceIdentity("cluster.local", "shop", "cart").canonical).toBe("cluster.local/shop/cart");
    expect(new ServiceIdentity("", "", "", "web").canonical).toBe("web");
    expect(new ServiceIdentity().canonical).toBe("external");
  });

  it("fields, exclude_, any/all, direction and canonical strings", () => {
    const p = loadClean(`categories: {}
filter:
  all:
    - { ns: [ shop, { regex: 'shop-.*' } ] }
    - { exclude_sa: admin }
    - { any: [ "cluster.local/shop/cart", { workload: { raw_insensitive: WEB } } ] }
    - response_inbound
`);
    const f = p.filter!;
    expect(serviceFilterPasses(f, new ServiceIdentity("cluster.local", "shop", "cart"), false)).toBe(true);
    expect(serviceFilterPasses(f, new ServiceIdentity("cluster.local", "shop", "cart"), true)).toBe(false);
    expect(serviceFilterPasses(f, new ServiceIdentity("c", "shop-eu", "x", "web"), false)).toBe(true);
    expect(serviceFilterPasses(f, new ServiceIdentity("c", "shop-eu", "admin", "web"), false)).toBe(false);
    expect(serviceFilterPasses(f, new ServiceIdentity("c", "shop-eu", "x", "api"), false)).toBe(false);
    expect(serviceFilterPasses(f, new ServiceIdentity("c", "shopping", "x", "web"), false)).toBe(false);
    const ext = loadClean("categories: {}\nfilter: external\n").filter!;
    expect(serviceFilterPasses(ext, new ServiceIdentity(), false)).toBe(true);
    expect(serviceFilterPasses(ext, new ServiceIdentity("", "", "", "w"), false)).toBe(false);
  });
});
