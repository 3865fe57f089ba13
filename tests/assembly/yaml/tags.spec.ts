import { YamlKind, ScalarStyle, MAX_ALIAS_EXPANSION } from "../../../assembly/yaml";
import { parseOk, parseErr, at } from "./util";

describe("local tags (spec §0: `!v x` ≡ `{v: x}`)", () => {
  it("keeps the tag on scalars in every position", () => {
    let r = parseOk("- !internal credit_card\n- !redact \"***\"\n- !header x-backend\n- !env API_KEY\n- !attrs a.b\n- !raw v\n- !national_phone DE\n");
    expect(r.items[0].tag).toBe("internal");
    expect(r.items[0].text).toBe("credit_card");
    expect(r.items[1].tag).toBe("redact");
    expect(r.items[1].text).toBe("***");
    expect(r.items[1].style).toBe(ScalarStyle.DoubleQuoted);
    expect(r.items[2].tag).toBe("header");
    expect(r.items[3].tag).toBe("env");
    expect(r.items[4].tag).toBe("attrs");
    expect(r.items[4].text).toBe("a.b");
    expect(r.items[5].tag).toBe("raw");
    expect(r.items[6].tag).toBe("national_phone");
    expect(r.items[6].text).toBe("DE");
    expect(r.items[0].column).toBe(3); // position of the tag
    expect(r.items[0].line).toBe(1);
  });

  it("tags values, flow items and nested arguments", () => {
    let r = parseOk("a: { matchers: !internal credit_card, tag: pci }\nb: [ !internal int_phone ]\nc: { internal: !national_phone US }\n");
    expect(at(r, "a.matchers").tag).toBe("internal");
    expect(at(r, "a.matchers").column).toBe(16);
    expect(at(r, "a.tag").tag).toBe("");
    expect(at(r, "b.0").tag).toBe("internal");
    expect(at(r, "c.internal").tag).toBe("national_phone");
  });

  it("tags mappings and sequences, on the same line or the line before", () => {
    let r = parseOk("a: !hash\n  - bcrypt\nb: !m {x: 1}\nc: !s\n  k: v\nd: !q [1]\n");
    expect(at(r, "a").tag).toBe("hash");
    expect(at(r, "a").kind).toBe(YamlKind.Sequence);
    expect(at(r, "a").line).toBe(1);
    expect(at(r, "a").column).toBe(4);
    expect(at(r, "b").tag).toBe("m");
    expect(at(r, "c").tag).toBe("s");
    expect(at(r, "c").kind).toBe(YamlKind.Mapping);
    expect(at(r, "d").tag).toBe("q");
  });

  it("positions tagged collections at their tag, counting code points", () => {
    let r = parseOk("[x, !t [a], &b {k: v}, é, !u [ü, !w [y]]]");
    expect(r.items[1].column).toBe(5);
    expect(r.items[2].column).toBe(13);
    expect(r.items[4].column).toBe(27);
    expect(at(r, "4.1").column).toBe(34);
    expect(at(r, "4.1.0").column).toBe(38);
    let m = parseOk("k: !t {\n  a: 1\n}\nl: x");
    expect(at(m, "k").line).toBe(1);
    expect(at(m, "k").column).toBe(4);
  });

  it("gives an empty tagged node a null value", () => {
    let r = parseOk("- !internal\n- !jwt_decode\n- [!hash , x]");
    expect(r.items[0].tag).toBe("internal");
    expect(r.items[0].kind).toBe(YamlKind.Null);
    expect(r.items[1].tag).toBe("jwt_decode");
    expect(at(r, "2.0").tag).toBe("hash");
    expect(at(r, "2.0").kind).toBe(YamlKind.Null);
  });

  it("puts properties before an implicit key on the key", () => {
    let r = parseOk("- !k name: v\n");
    expect(at(r, "0").tag).toBe("");
    expect(r.items[0].keys[0].tag).toBe("k");
  });

  it("accepts verbatim local tags", () => {
    expect(parseOk("!<!internal> sql").tag).toBe("internal");
  });
});

describe("standard tags", () => {
  it("!!str, !, !!int, !!float, !!bool, !!null, !!map, !!seq", () => {
    let r = parseOk("a: !!str 123\nb: ! true\nc: !!int \"42\"\nd: !!float 1\ne: !!bool 'TRUE'\nf: !!null ''\ng: !!map {}\nh: !!seq []\ni: !<tag:yaml.org,2002:str> 5");
    expect(at(r, "a").kind).toBe(YamlKind.String);
    expect(at(r, "a").text).toBe("123");
    expect(at(r, "a").tag).toBe("");
    expect(at(r, "b").kind).toBe(YamlKind.String);
    expect(at(r, "c").kind).toBe(YamlKind.Int);
    expect(at(r, "c").intValue).toBe(42);
    expect(at(r, "d").kind).toBe(YamlKind.Float);
    expect(at(r, "d").floatValue).toBe(1.0);
    expect(at(r, "e").boolValue).toBe(true);
    expect(at(r, "f").kind).toBe(YamlKind.Null);
    expect(at(r, "g").kind).toBe(YamlKind.Mapping);
    expect(at(r, "h").kind).toBe(YamlKind.Sequence);
    expect(at(r, "i").kind).toBe(YamlKind.String);
  });
});

describe("anchors and aliases", () => {
  it("an alias is the anchored node itself", () => {
    let r = parseOk("base: &b {x: 1}\nuse: *b\nlist: [&s one, *s]\nempty: &e\nagain: *e\n");
    expect(at(r, "use") === at(r, "base")).toBe(true);
    expect(at(r, "use.x").intValue).toBe(1);
    expect(at(r, "list.1") === at(r, "list.0")).toBe(true);
    expect(at(r, "again").kind).toBe(YamlKind.Null);
  });

  it("anchors block collections and accepts tag and anchor in either order", () => {
    let r = parseOk("a: &a\n  - 1\nb: *a\nc: !t &c x\nd: &d !u y\ne: *c\nf: *d");
    expect(at(r, "b").items.length).toBe(1);
    expect(at(r, "e").tag).toBe("t");
    expect(at(r, "f").tag).toBe("u");
  });

  it("a later anchor with the same name replaces the earlier one", () => {
    let r = parseOk("- &a 1\n- &a 2\n- *a");
    expect(r.items[2].intValue).toBe(2);
  });

  it("uses aliases as keys", () => {
    let r = parseOk("- &k name\n- *k : v");
    expect(at(r, "1.name").text).toBe("v");
  });

  it("tracks expanded sizes and rejects alias bombs at the alias that overflows", () => {
    let r = parseOk("a: &a [1, 2]\nb: [*a, *a]\n");
    expect(at(r, "a").expandedSize).toBe(3);
    expect(at(r, "b").expandedSize).toBe(7);
    expect(r.expandedSize).toBe(1 + 2 + 3 + 7);
    // Nine levels of ten aliases: 10^9 nodes once expanded.
    let s = "l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n";
    for (let i = 1; i < 10; i++) {
      let prev = "*l" + (i - 1).toString();
      s += "l" + i.toString() + ": &l" + i.toString() + " [" + prev;
      for (let k = 1; k < 10; k++) s += ", " + prev;
      s += "]\n";
    }
    let err = parseErr(s);
    expect(err.startsWith("5:45: ")).toBe(true); // l4: 12330 added by l1-l3, then 8 x 11111
    expect(err.indexOf("aliases expand to more than " + MAX_ALIAS_EXPANSION.toString() + " nodes")).toBeGreaterThan(0);
  });

  it("rejects unknown and forward aliases, hinting at unquoted globs", () => {
    expect(parseErr("matches: */v2/**")).toBe("1:10: unknown alias '*/v2/**': no anchor '&/v2/**' is defined before it (quote the value if it is not an alias, e.g. a glob like \"*/api/**\")");
    expect(parseErr("a: *nope")).toBe("1:4: unknown alias '*nope': no anchor '&nope' is defined before it (quote the value if it is not an alias, e.g. a glob like \"*/api/**\")");
    expect(parseErr("&a [1, *a]")).toBe("1:8: unknown alias '*a': no anchor '&a' is defined before it (quote the value if it is not an alias, e.g. a glob like \"*/api/**\")");
  });
});
