// Path globs (§5): syntax, matching, rendering, the specificity order, and endpoint
// resolution (§4.3) built on them.
import { load, loadClean } from "./util";
import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { YamlNode, YamlKind } from "../../../assembly/yaml/index";
import { LoadContext } from "../../../assembly/policy/read";
import { Glob, ComponentKind, parseGlob, matchGlob, renderGlob, splitTarget, targetPolicyPath } from "../../../assembly/policy/glob";
import { compareSpecificity } from "../../../assembly/policy/specificity";
import { resolveEndpoint, resolveTarget, RequestFacts } from "../../../assembly/policy/index";
import { Action } from "../../../assembly/policy/match-config";

let order = 0;
function glob(s: string): Glob {
  const ctx = new LoadContext(new ConfigProblems());
  const g = parseGlob(ctx, new YamlNode(YamlKind.String, 1, 1), s);
  expect(g).not.toBeNull();
  g!.order = order++;
  return g!;
}

function matches(g: string, authority: string, path: string): bool {
  return matchGlob(glob(g), splitTarget(authority, path)) !== null;
}

function render(g: string, authority: string, path: string): string {
  const t = splitTarget(authority, path);
  const m = matchGlob(glob(g), t);
  expect(m).not.toBeNull();
  return renderGlob(m!, t);
}

/** Reference matcher: plain exponential recursion, for the property test. */
function naive(g: Glob, gi: i32, t: Array<string>, ti: i32): bool {
  if (gi == g.components.length) return ti == t.length;
  const c = g.components[gi];
  if (c.kind == ComponentKind.DoubleStar) {
    for (let e = ti; e <= t.length; e++) if (naive(g, gi + 1, t, e)) return true;
    return false;
  }
  return ti < t.length && c.matches(t[ti]) && naive(g, gi + 1, t, ti + 1);
}

describe("glob syntax and target", () => {
  it("splits the target: lowercased authority with port, path cut at ? or #, empty components dropped", () => {
    expect(splitTarget("Shop.test:8443", "//v1/items/?q=1").join("|")).toBe("shop.test:8443|v1|items");
    expect(splitTarget("h", "/a#frag/b").join("|")).toBe("h|a");
    expect(splitTarget("h", "/a%2Fb").join("|")).toBe("h|a%2Fb");
  });

  it("parses every component kind, trims components and strips `!`", () => {
    const g = glob(" ! api* / ** / * / #v\\d+ / *mid* / *.jsp / exact ");
    const kinds: Array<ComponentKind> = [
      ComponentKind.StartsWith, ComponentKind.DoubleStar, ComponentKind.Star, ComponentKind.Regex,
      ComponentKind.Contains, ComponentKind.EndsWith, ComponentKind.Literal,
    ];
    expect(g.components.length).toBe(7);
    for (let i = 0; i < 7; i++) expect(g.components[i].kind).toBe(kinds[i]);
    expect(g.components[0].preserved).toBe(true);
    expect(g.components[0].text).toBe("api");
    expect(g.components[3].text).toBe("v\\d+");
    expect(g.components[4].text).toBe("mid");
    expect(g.doubleStars).toBe(1);
    expect(g.stars).toBe(1);
    expect(g.patterns).toBe(4);
  });

  it("prepends `*` for a leading `/`", () => {
    const g = glob("/form.html");
    expect(g.components.length).toBe(2);
    expect(g.components[0].kind).toBe(ComponentKind.Star);
    expect(matches("/form.html", "any.host", "/form.html")).toBe(true);
    expect(matches("form.html", "any.host", "/form.html")).toBe(false);
  });
});

describe("glob matching", () => {
  it("matches each kind against one component", () => {
    expect(matches("*/exact", "h", "/exact")).toBe(true);
    expect(matches("*/exact", "h", "/exactly")).toBe(false);
    expect(matches("*/api*", "h", "/api2")).toBe(true);
    expect(matches("*/api*", "h", "/v-api")).toBe(false);
    expect(matches("*/*.jsp", "h", "/x.jsp")).toBe(true);
    expect(matches("*/*.jsp", "h", "/x.jspx")).toBe(false);
    expect(matches("*/*mid*", "h", "/amidb")).toBe(true);
    expect(matches("*/*mid*", "h", "/mi-d")).toBe(false);
    expect(matches("*/#v[0-9]+", "h", "/v12")).toBe(true);
    expect(matches("*/#v[0-9]+", "h", "/v12a")).toBe(false);
    expect(matches("*/#v[0-9]+", "h", "/av12")).toBe(false);
    expect(matches("*", "h", "/")).toBe(true);
    expect(matches("*", "h", "/a")).toBe(false);
  });

  it("has exact glob semantics with backtracking `**`", () => {
    expect(matches("a/**", "a", "/")).toBe(true);
    expect(matches("**/*.jsp", "h", "/x/y.jsp")).toBe(true);
    expect(matches("**/*.jsp", "h", "/y.jsp/z")).toBe(false);
    expect(matches("**", "h", "/a/b/c")).toBe(true);
    expect(matches("*/**/b/**/d", "h", "/a/b/c/b/x/d")).toBe(true);
    expect(matches("*/**/b/**/d", "h", "/a/b/c/x/e")).toBe(false);
  });

  it("agrees with a naive matcher on random globs and targets (property)", () => {
    const pieces = ["**", "*", "a", "b", "a*", "*b", "*a*"];
    const words = ["a", "b", "ab", "ba", "aab"];
    let seed: u32 = 12345;
    for (let round = 0; round < 400; round++) {
      let gs = "";
      seed = seed * 1103515245 + 12345;
      const gl = <i32>((seed >> 16) % 5) + 1;
      for (let i = 0; i < gl; i++) {
        seed = seed * 1103515245 + 12345;
        gs += (i > 0 ? "/" : "") + pieces[<i32>((seed >> 16) % pieces.length)];
      }
      const t = new Array<string>();
      seed = seed * 1103515245 + 12345;
      const tl = <i32>((seed >> 16) % 6);
      for (let i = 0; i < tl; i++) {
        seed = seed * 1103515245 + 12345;
        t.push(words[<i32>((seed >> 16) % words.length)]);
      }
      const g = glob(gs);
      expect(matchGlob(g, t) !== null).toBe(naive(g, 0, t, 0));
    }
  });
});

describe("policy path rendering (§5.2)", () => {
  it("replaces preserved components with the text they matched", () => {
    expect(render("!*/api/!*/orders/*", "api.shop.test", "/api/eu/orders/17")).toBe("api.shop.test/api/eu/orders/*");
  });

  it("joins what `!**` matched, and omits it when it matched none", () => {
    expect(render("*/!**/x", "h", "/a/b/x")).toBe("*/a/b/x");
    expect(render("*/!**/x", "h", "/x")).toBe("*/x");
    expect(render("*/**/x", "h", "/a/x")).toBe("*/**/x");
  });

  it("falls back to the target with all-digit components as `*`", () => {
    expect(targetPolicyPath(splitTarget("h:80", "/users/42/x9/7"))).toBe("h:80/users/*/x9/*");
    const p = loadClean("categories: {}\n");
    expect(resolveEndpoint(p, "h", "/users/42").policyPath).toBe("h/users/*");
  });

  it("prefers the most specific path_groups glob over endpoint globs", () => {
    const p = loadClean(`categories: {}
path_groups: [ "**", "!*/users/*" ]
endpoints: [ { matches: "*/users/!*" } ]
`);
    expect(resolveEndpoint(p, "h", "/users/42").policyPath).toBe("h/users/*");
    expect(resolveEndpoint(p, "h", "/other").policyPath).toBe("**");
    const q = loadClean("categories: {}\nendpoints: [ { matches: \"*/users/!*\" } ]\n");
    expect(resolveEndpoint(q, "h", "/users/42").policyPath).toBe("*/users/42");
  });
});

describe("specificity (§5.3)", () => {
  it("orders the spec's example: ** < */cart < shop.test/cart < */cart/checkout", () => {
    const a = glob("**");
    const b = glob("*/cart");
    const c = glob("shop.test/cart");
    const d = glob("*/cart/checkout");
    expect(compareSpecificity(a, b)).toBeLessThan(0);
    expect(compareSpecificity(b, c)).toBeLessThan(0);
    expect(compareSpecificity(c, d)).toBeLessThan(0);
    expect(compareSpecificity(d, a)).toBeGreaterThan(0);
  });

  it("decides by each key in turn", () => {
    // 1. more components
    expect(compareSpecificity(glob("**/a/b"), glob("x/y"))).toBeGreaterThan(0);
    // 2. fewer **
    expect(compareSpecificity(glob("**/a"), glob("*/a"))).toBeLessThan(0);
    // 3. fewer *
    expect(compareSpecificity(glob("*/a"), glob("a*/a"))).toBeLessThan(0);
    // 4. fewer patterns
    expect(compareSpecificity(glob("a*/a"), glob("x/a"))).toBeLessThan(0);
    // 5. left to right: literal > pattern
    expect(compareSpecificity(glob("x/a*"), glob("a*/x"))).toBeGreaterThan(0);
    // 6. later declaration
    const first = glob("x/y");
    const second = glob("x/z");
    expect(compareSpecificity(first, second)).toBeLessThan(0);
    expect(compareSpecificity(second, first)).toBeGreaterThan(0);
  });
});

describe("specificity is a total order (property)", () => {
  it("is antisymmetric, irreflexive only on itself, and transitive on random globs", () => {
    const pieces = ["**", "*", "a", "b", "a*", "*b", "*a*", "#x+"];
    const globs = new Array<Glob>();
    let seed: u32 = 777;
    for (let i = 0; i < 60; i++) {
      let gs = "";
      seed = seed * 1103515245 + 12345;
      const n = <i32>((seed >> 16) % 4) + 1;
      for (let k = 0; k < n; k++) {
        seed = seed * 1103515245 + 12345;
        gs += (k > 0 ? "/" : "") + pieces[<i32>((seed >> 16) % pieces.length)];
      }
      globs.push(glob(gs));
    }
    // Plain counters, one expect each: as-pect's expect is slow in tight loops.
    let violations = 0;
    for (let i = 0; i < globs.length; i++) {
      if (compareSpecificity(globs[i], globs[i]) != 0) violations++;
      for (let j = 0; j < globs.length; j++) {
        if (i == j) continue;
        const ab = compareSpecificity(globs[i], globs[j]);
        const ba = compareSpecificity(globs[j], globs[i]);
        if (ab == 0 || (ab > 0) != (ba < 0)) violations++;
      }
    }
    expect(violations).toBe(0);
    let intransitive = 0;
    for (let i = 0; i < 30; i++) {
      for (let j = 0; j < 30; j++) {
        for (let k = 0; k < 30; k++) {
          if (compareSpecificity(globs[i], globs[j]) < 0 && compareSpecificity(globs[j], globs[k]) < 0 && compareSpecificity(globs[i], globs[k]) >= 0) intransitive++;
        }
      }
    }
    expect(intransitive).toBe(0);
  });
});

describe("endpoint resolution (§4.3)", () => {
  it("replaces a whole entry: no field merge", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - config: { a: { action: block, report_style: sha256 } }
  - matches: "*/v/**"
    config: { a: { search: request_body } }
`);
    const e = resolveEndpoint(p, "h", "/v/1").entry("a")!;
    expect(e.config.action).toBe(Action.Alert);
    expect(e.config.reportStyle).toBe(-1);
    expect(e.matcherPath).toBe("*/v/**");
  });

  it("lets a more specific endpoint switch an entry off with action: ignore", () => {
    const p = loadClean(`categories: { a: x, b: y }
endpoints:
  - matches: "*/v/x"
    config: { a: { action: ignore } }
  - config: { a: {}, b: {} }
`);
    const eff = resolveEndpoint(p, "h", "/v/x");
    expect(eff.entry("a")).toBeNull();
    expect(eff.entry("b")).not.toBeNull();
    expect(resolveEndpoint(p, "h", "/v/y").entry("a")).not.toBeNull();
  });

  it("keeps declaration order for ties: the later endpoint applies last", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - { matches: "*/v", config: { a: { action: block } } }
  - { matches: "*/v", config: { a: { action: alert } } }
`);
    expect(resolveEndpoint(p, "h", "/v").entry("a")!.config.action).toBe(Action.Alert);
  });

  it("uses an endpoint's most specific matching glob as its key", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - { matches: [ "**", "*/v/w" ], config: { a: { action: block } } }
  - { matches: "*/v/*", config: { a: { action: alert } } }
`);
    // */v/w beats */v/* (fewer *), so the first endpoint applies last.
    expect(resolveEndpoint(p, "h", "/v/w").entry("a")!.config.action).toBe(Action.Block);
    expect(resolveEndpoint(p, "h", "/v/q").entry("a")!.config.action).toBe(Action.Alert);
  });

  it("keys a RuleFilter endpoint by its most specific endpoint glob, else **", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - { matches: "*/v/*", config: { a: { action: block } } }
  - { matches: { any: [ { endpoint: "*/v/w" }, { endpoint: "**" } ] }, config: { a: { action: alert } } }
  - { matches: { request_headers: { x-beta: "1" } }, config: { a: { action: ignore } } }
`);
    let eff = resolveEndpoint(p, "h", "/v/w");
    expect(eff.endpoints.length).toBe(2);
    expect(eff.entry("a")!.config.action).toBe(Action.Alert);
    expect(eff.entry("a")!.matcherPath).toBe("*/v/w");
    eff = resolveEndpoint(p, "h", "/v/q");
    expect(eff.entry("a")!.config.action).toBe(Action.Block);
    // A header leaf with request data; its `**` key sorts first, so it cannot override.
    const facts = new RequestFacts();
    facts.addHeader("X-Beta", "1");
    eff = resolveTarget(p, splitTarget("h", "/z"), facts);
    expect(eff.endpoints.length).toBe(2);
    expect(eff.endpoints[0].matcherPath).toBe("**");
    expect(eff.entry("a")).toBeNull();
  });

  it("puts exploit-detection entries just before the declaring endpoint's own entries", () => {
    const p = loadClean(`categories: { a: x }
endpoints:
  - exploit_detection: { hashes: bcrypt, error_text: go_error }
    config: { "ls_hash:Bcrypt": { action: block }, a: {} }
`);
    const eff = resolveEndpoint(p, "h", "/");
    expect(eff.entries.length).toBe(3);
    expect(eff.entries[0].key).toBe("ls_hash:Bcrypt");
    expect(eff.entries[0].config.action).toBe(Action.Block);
    expect(eff.entries[1].key).toBe("ls_error_text:GoError");
    expect(eff.entries[2].key).toBe("a");
  });

  it("merges body extractors per key and takes the most specific token extractor", () => {
    const p = loadClean(`categories: {}
endpoints:
  - token_extractor: { header: a }
    request_extractors: { x: "a.b", y: "c" }
  - matches: "*/v"
    token_extractor: { header: b }
    request_extractors: { y: "d", z: "e" }
`);
    const eff = resolveEndpoint(p, "h", "/v");
    expect(eff.tokenExtractor!.header).toBe("b");
    const rx = eff.requestExtractors!;
    expect(rx.entries.length).toBe(3);
    expect(rx.get("x")!.alternatives[0].paths[0].segments.length).toBe(2);
    expect(rx.get("y")!.alternatives[0].paths[0].segments[0].key).toBe("d");
  });

  it("reports a bad glob regex as fatal at its position", () => {
    const l = load("categories: {}\nendpoints:\n  - matches: \"*/#a(b\"\n");
    expect(l.policy).toBeNull();
    expect(l.problems.firstFatal()!.toString()).toBe("3:14: glob regex 'a(b' cannot be compiled: unclosed group at byte 1");
  });
});
