// Defaults and aliases of every level (§2.2, §4.1, §4.2, §4.4, §6), and the small parsers
// the model relies on (IP ranges, JSON paths).
import { load, loadClean } from "./util";
import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { parsePluginConfig } from "../../../assembly/config/plugin-config";
import { loadLocalPolicy, resolveEndpoint, HeaderCollection, EnvCollection } from "../../../assembly/policy/index";
import { Action, SEARCH_DEFAULT } from "../../../assembly/policy/match-config";
import { ReportStyle } from "../../../assembly/policy/report";
import { TokenLocation } from "../../../assembly/policy/token-extractor";
import { parseIpRange } from "../../../assembly/policy/ip";
import { parseMatchPathPattern, parseTokenJsonPath, SegmentKind } from "../../../assembly/policy/json-path";
import { ServiceFilterKind } from "../../../assembly/policy/services";
import { pascalCase } from "../../../assembly/policy/internal";

function bytes(s: string): Uint8Array {
  return Uint8Array.wrap(String.UTF8.encode(s));
}

describe("defaults", () => {
  it("an empty map is a valid policy with every default (and a warning for categories)", () => {
    const l = load("{}\n");
    expect(l.count).toBe(1);
    const p = l.p;
    expect(p.categories.length).toBe(0);
    expect(p.endpoints.length).toBe(0);
    expect(p.reportStyle).toBe(ReportStyle.Raw);
    expect(p.reportBits).toBe(32);
    expect(p.sbac.length).toBe(0);
    expect(p.rateRules.length).toBe(0);
    expect(p.bodyCollection.length).toBe(0);
    expect(p.headerCollection).toBe(HeaderCollection.None);
    expect(p.envCollection).toBe(EnvCollection.List);
    expect(p.collectedEnvVars.length).toBe(8);
    expect(p.contentTypes.length).toBe(14);
    expect(p.filter).toBeNull();
    expect(p.pathGroups.length).toBe(0);
    expect(p.summary()).toBe("policy loaded: 0 categories (0 rules), 0 endpoints (0 config entries), 0 sbac items, 0 rate rules, 1 warning");
  });

  it("a config entry defaults matcher and name to its key, alerts, and allows everything", () => {
    const p = loadClean("categories: { a: x }\nendpoints:\n  config: { a: }\n");
    expect(p.endpoints.length).toBe(1);
    expect(p.endpoints[0].globs[0].source).toBe("**");
    const c = p.endpoints[0].config[0];
    expect(c.matcher).toBe("a");
    expect(c.name).toBe("a");
    expect(c.action).toBe(Action.Alert);
    expect(c.contexts.all).toBe(true);
    expect(c.contentTypes.length).toBe(0);
    expect(c.ignore.length).toBe(0);
    expect(c.search).toBe(-1);
    const e = resolveEndpoint(p, "h", "/").entry("a")!;
    expect(e.search).toBe(SEARCH_DEFAULT);
    expect(e.reportStyle).toBe(ReportStyle.Raw);
  });

  it("an endpoint with no config contributes nothing; token location defaults to request", () => {
    const p = loadClean("categories: {}\nendpoints:\n  - matches: '**'\n    token_extractor: { header: X-A }\n");
    expect(p.endpoints[0].config.length).toBe(0);
    expect(p.endpoints[0].tokenExtractor!.location).toBe(TokenLocation.Request);
    expect(p.endpoints[0].tokenExtractor!.steps.length).toBe(0);
  });

  it("several keys in a filter or service filter are `all` over them, with a warning", () => {
    const l = load("categories: {}\nfilter: { ns: a, sa: b }\n");
    expect(l.positions).toBe("2:9");
    expect(l.p.filter!.kind).toBe(ServiceFilterKind.All);
    expect(l.p.filter!.children.length).toBe(2);
  });

  it("loadLocalPolicy takes the plugin's local_policy as a map or a string", () => {
    const asMap = parsePluginConfig(bytes("local_policy:\n  categories: { a: x }\n  oops: 1\n"));
    let problems = new ConfigProblems();
    expect(loadLocalPolicy(asMap.config!.localPolicy!, problems)).not.toBeNull();
    expect(problems.items[0].toString()).toBe("3:3: unknown key 'oops' in the policy is ignored");
    const asString = parsePluginConfig(bytes("local_policy: \"categories: {a: x}\\noops: 1\"\n"));
    problems = new ConfigProblems();
    expect(loadLocalPolicy(asString.config!.localPolicy!, problems)).not.toBeNull();
    expect(problems.items[0].toString()).toBe("2:1: local_policy: unknown key 'oops' in the policy is ignored");
    problems = new ConfigProblems();
    const bad = parsePluginConfig(bytes("local_policy: \"categories: [\"\n"));
    expect(loadLocalPolicy(bad.config!.localPolicy!, problems)).toBeNull();
    expect(problems.firstFatal()!.message.startsWith("local_policy: invalid YAML")).toBe(true);
  });

  it("names exploit-detection categories in PascalCase", () => {
    expect(pascalCase("grub_pbkdf2_sha512")).toBe("GrubPbkdf2Sha512");
    expect(pascalCase("mysql141")).toBe("Mysql141");
  });
});

describe("IP ranges", () => {
  it("parses IPv4 and IPv6 addresses and CIDRs, clearing host bits", () => {
    const r = parseIpRange("10.1.2.3/8")!;
    expect(r.v6).toBe(false);
    expect(r.prefix).toBe(8);
    expect(r.bytes[0]).toBe(10);
    expect(r.bytes[1]).toBe(0);
    expect(r.contains(parseIpRange("10.200.0.1")!)).toBe(true);
    expect(r.contains(parseIpRange("11.0.0.1")!)).toBe(false);
    const v6 = parseIpRange("2001:db8::/32")!;
    expect(v6.v6).toBe(true);
    expect(v6.contains(parseIpRange("2001:db8:1::5")!)).toBe(true);
    expect(v6.contains(parseIpRange("2001:db9::5")!)).toBe(false);
    expect(v6.contains(parseIpRange("10.0.0.1")!)).toBe(false);
    const mapped = parseIpRange("::ffff:192.0.2.1")!;
    expect(mapped.bytes[10]).toBe(0xff);
    expect(mapped.bytes[15]).toBe(1);
    expect(parseIpRange("::1")!.bytes[15]).toBe(1);
    expect(parseIpRange("1::")!.bytes[1]).toBe(1);
    expect(parseIpRange("10.0.0.1/20")!.contains(parseIpRange("10.0.15.255")!)).toBe(true);
    expect(parseIpRange("10.0.0.1/20")!.contains(parseIpRange("10.0.16.0")!)).toBe(false);
  });

  it("refuses malformed addresses", () => {
    const bad = ["", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4/33", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::1", "::/129", "1.2.3.4/"];
    for (let i = 0; i < bad.length; i++) {
      if (parseIpRange(bad[i]) !== null) trace("accepted " + bad[i]);
      expect(parseIpRange(bad[i])).toBeNull();
    }
  });
});

describe("JSON paths", () => {
  it("parses §7.3 match-path patterns; empty segments are ignored", () => {
    const p = parseMatchPathPattern("$.users[*].contact..email");
    expect(p.ok).toBe(true);
    expect(p.segments.length).toBe(4);
    expect(p.segments[1].kind).toBe(SegmentKind.AnyIndex);
    expect(p.segments[3].key).toBe("email");
    const q = parseMatchPathPattern("a.[*]");
    expect(q.segments.length).toBe(2);
    expect(parseMatchPathPattern("a[2]").segments[1].index).toBe(2);
    expect(parseMatchPathPattern("*").segments[0].kind).toBe(SegmentKind.AnyKey);
    expect(parseMatchPathPattern("a[x]").ok).toBe(false);
  });

  it("parses §4.4 token paths: .k ['k'] [n] [*] .* ..k", () => {
    const p = parseTokenJsonPath("$.a['b.c'][3][*].*..d");
    expect(p.ok).toBe(true);
    const kinds: Array<SegmentKind> = [SegmentKind.Key, SegmentKind.Key, SegmentKind.Index, SegmentKind.AnyIndex, SegmentKind.AnyKey, SegmentKind.Descend];
    expect(p.segments.length).toBe(6);
    for (let i = 0; i < 6; i++) expect(p.segments[i].kind).toBe(kinds[i]);
    expect(p.segments[1].key).toBe("b.c");
    expect(parseTokenJsonPath("$").segments.length).toBe(0);
    expect(parseTokenJsonPath("a.b").ok).toBe(false);
    expect(parseTokenJsonPath("$.").ok).toBe(false);
    expect(parseTokenJsonPath("$['a").ok).toBe(false);
  });
});
