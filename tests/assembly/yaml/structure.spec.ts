import { YamlKind, YamlNode, ScalarStyle, MAX_DEPTH } from "../../../assembly/yaml";
import { parseOk, parseErr, errAt, at, doc } from "./util";

describe("block mappings", () => {
  it("keeps entries in source order with positions", () => {
    let r = parseOk("b: 1\na: two\nc: true\n");
    expect(r.kind).toBe(YamlKind.Mapping);
    expect(r.keys.length).toBe(3);
    expect(r.keys[0].text).toBe("b");
    expect(r.keys[1].text).toBe("a");
    expect(r.keys[2].text).toBe("c");
    expect(r.get("b")!.intValue).toBe(1);
    expect(r.get("a")!.text).toBe("two");
    expect(r.get("c")!.boolValue).toBe(true);
    expect(r.values[1].line).toBe(2);
    expect(r.values[1].column).toBe(4);
    expect(r.line).toBe(1);
    expect(r.column).toBe(1);
    expect(r.get("zz")).toBeNull();
  });

  it("nests by indentation", () => {
    let r = parseOk("a:\n  b:\n    c: deep\n  d: 1\ne: 2");
    expect(at(r, "a.b.c").text).toBe("deep");
    expect(at(r, "a.d").intValue).toBe(1);
    expect(at(r, "e").intValue).toBe(2);
    expect(at(r, "a.b").line).toBe(3);
    expect(at(r, "a.b").column).toBe(5);
  });

  it("gives empty values null", () => {
    let r = parseOk("a:\nb:   # comment\nc: ~\n");
    expect(r.get("a")!.kind).toBe(YamlKind.Null);
    expect(r.get("b")!.kind).toBe(YamlKind.Null);
    expect(r.get("c")!.kind).toBe(YamlKind.Null);
  });

  it("accepts quoted keys, spaces in keys and blanks before ':'", () => {
    let r = parseOk("'quoted key': 1\n\"dq key\": 2\nkey with spaces   : v w\n");
    expect(r.get("quoted key")!.intValue).toBe(1);
    expect(r.get("dq key")!.intValue).toBe(2);
    expect(r.get("key with spaces")!.text).toBe("v w");
  });

  it("keeps colons that are not value indicators in plain scalars", () => {
    let r = parseOk("url: http://a:8080/x?y=1#frag\nt: 12:30");
    expect(r.get("url")!.text).toBe("http://a:8080/x?y=1#frag");
    expect(r.get("t")!.text).toBe("12:30");
  });
});

describe("block sequences", () => {
  it("parses items, compact nested sequences and sequences of maps", () => {
    let r = parseOk("- a\n- - b\n  - c\n- k: 1\n  l: 2\n-\n- last");
    expect(r.kind).toBe(YamlKind.Sequence);
    expect(r.items.length).toBe(5);
    expect(r.items[0].text).toBe("a");
    expect(at(r, "1.1").text).toBe("c");
    expect(at(r, "1").column).toBe(3);
    expect(at(r, "2.k").intValue).toBe(1);
    expect(at(r, "2.l").intValue).toBe(2);
    expect(at(r, "2").column).toBe(3);
    expect(r.items[3].kind).toBe(YamlKind.Null);
    expect(r.items[4].text).toBe("last");
  });

  it("allows a sequence at its key's indentation", () => {
    let r = parseOk("a:\n- 1\n- 2\nb:\n  - 3\n");
    expect(at(r, "a").items.length).toBe(2);
    expect(at(r, "b.0").intValue).toBe(3);
  });

  it("parses a mapping item that starts on the next line", () => {
    let r = parseOk("-\n  a: 1\n  b: 2\n- x");
    expect(at(r, "0.b").intValue).toBe(2);
    expect(at(r, "1").text).toBe("x");
  });
});

describe("flow collections", () => {
  it("parses nested flow sequences and mappings", () => {
    let r = parseOk("top: [a, [b, c], {d: e, f: [1, 2]}, ]");
    let top = at(r, "top");
    expect(top.items.length).toBe(3);
    expect(at(r, "top.1.0").text).toBe("b");
    expect(at(r, "top.2.d").text).toBe("e");
    expect(at(r, "top.2.f.1").intValue).toBe(2);
  });

  it("spans lines and takes comments", () => {
    let r = parseOk("a: [x,  # first\n  y,\n  z]\nb: {\n  k: v\n}\n");
    expect(at(r, "a").items.length).toBe(3);
    expect(at(r, "a.2").text).toBe("z");
    expect(at(r, "a.2").line).toBe(3);
    expect(at(r, "b.k").text).toBe("v");
  });

  it("has empty collections, null values and single-pair mappings", () => {
    let r = parseOk("a: []\nb: {}\nc: {x: , y}\nd: [k: v, w]");
    expect(at(r, "a").items.length).toBe(0);
    expect(at(r, "a").kind).toBe(YamlKind.Sequence);
    expect(at(r, "b").kind).toBe(YamlKind.Mapping);
    expect(at(r, "c.x").kind).toBe(YamlKind.Null);
    expect(at(r, "c.y").kind).toBe(YamlKind.Null);
    expect(at(r, "d.0.k").text).toBe("v");
    expect(at(r, "d.1").text).toBe("w");
  });

  it("reads plain scalars up to flow indicators", () => {
    let r = parseOk("[a b, c:d, e:, 'f']");
    expect(r.items[0].text).toBe("a b");
    expect(r.items[1].text).toBe("c:d");
    expect(at(r, "2.e").kind).toBe(YamlKind.Null);
    expect(r.items[3].text).toBe("f");
  });
});

describe("JSON subset", () => {
  it("parses JSON", () => {
    let r = parseOk("{\"a\":1,\"b\":[2.5,\"x\",true,false,null,{\"n\":-0}],\"c\":\"\\u00e9\\/\\n\",\"d\":{}}");
    expect(at(r, "a").kind).toBe(YamlKind.Int);
    expect(at(r, "b.0").floatValue).toBe(2.5);
    expect(at(r, "b.1").text).toBe("x");
    expect(at(r, "b.2").boolValue).toBe(true);
    expect(at(r, "b.3").kind).toBe(YamlKind.Bool);
    expect(at(r, "b.4").kind).toBe(YamlKind.Null);
    expect(at(r, "b.5.n").intValue).toBe(0);
    expect(at(r, "c").text).toBe("é/\n");
    expect(at(r, "d").keys.length).toBe(0);
  });

  it("parses pretty-printed JSON indented with tabs", () => {
    let r = parseOk("{\n\t\"a\": [\n\t\t1,\n\t\t2\n\t],\n\t\"b\": \"x\"\n}\n");
    expect(at(r, "a.1").intValue).toBe(2);
    expect(at(r, "b").text).toBe("x");
  });

  it("parses a JSON number zoo", () => {
    let r = parseOk("[0, -1, 1e3, 1E-2, -0.5, 12345678901234]");
    expect(r.items[0].intValue).toBe(0);
    expect(r.items[1].intValue).toBe(-1);
    expect(r.items[2].floatValue).toBe(1000.0);
    expect(r.items[3].floatValue).toBe(0.01);
    expect(r.items[4].floatValue).toBe(-0.5);
    expect(r.items[5].intValue).toBe(12345678901234);
  });
});

describe("documents", () => {
  it("accepts '---', '...', comments, BOM and CRLF", () => {
    expect(parseOk("# leading\n---\na: 1\n...\n# trailing\n").get("a")!.intValue).toBe(1);
    expect(parseOk("--- a: 1").get("a")!.intValue).toBe(1);
    expect(parseOk("--- |\n  text\n").text).toBe("text\n");
    expect(parseOk("\uFEFFa: 1").get("a")!.intValue).toBe(1);
    let r = parseOk("a: 1\r\nb: |\r\n  x\r\n  y\r\nc: 'f\r\n  g'\r\n");
    expect(r.get("b")!.text).toBe("x\ny\n");
    expect(r.get("c")!.text).toBe("f g");
    expect(parseOk("%YAML 1.2\n---\nx").text).toBe("x");
  });

  it("gives an empty document a null root", () => {
    let r = parseOk("");
    expect(r.kind).toBe(YamlKind.Null);
    expect(parseOk("# only a comment\n\n").kind).toBe(YamlKind.Null);
    expect(parseOk("---\n").kind).toBe(YamlKind.Null);
    expect(parseOk("...\n").kind).toBe(YamlKind.Null);
    expect(parseOk("---\n...\n").kind).toBe(YamlKind.Null);
    expect(parseOk("--- # comment\n").kind).toBe(YamlKind.Null);
  });

  it("accepts a scalar root and a root indented past column 1", () => {
    expect(parseOk("just text\n  continued").text).toBe("just text continued");
    expect(parseOk("  a: 1\n  b: 2").get("b")!.intValue).toBe(2);
  });

  it("rejects a second document", () => {
    expect(parseErr("a: 1\n---\nb: 2")).toBe("2:1: found a second document ('---'): a policy must be a single YAML document");
    expect(errAt("a: 1\n...\n---\nb: 2")).toBe("3:1");
    expect(errAt("a: 1\n...\nb: 2")).toBe("3:1");
  });
});

describe("nesting limit", () => {
  it("accepts MAX_DEPTH levels of every collection kind", () => {
    expect(parseOk("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH)).kind).toBe(YamlKind.Sequence);
    expect(parseOk("{a: ".repeat(MAX_DEPTH) + "1" + "}".repeat(MAX_DEPTH)).kind).toBe(YamlKind.Mapping);
    expect(parseOk("- ".repeat(MAX_DEPTH) + "x").kind).toBe(YamlKind.Sequence);
    expect(parseOk(nestedBlockMaps(MAX_DEPTH)).kind).toBe(YamlKind.Mapping);
  });

  it("rejects one level more, at the opening of the level too many", () => {
    let n = MAX_DEPTH + 1;
    expect(parseErr("[".repeat(n) + "]".repeat(n))).toBe("1:" + n.toString() + ": nesting is deeper than 64 levels");
    expect(errAt("{a: ".repeat(n) + "1" + "}".repeat(n))).toBe("1:" + (4 * MAX_DEPTH + 1).toString());
    expect(errAt("- ".repeat(n) + "x")).toBe("1:" + (2 * MAX_DEPTH + 1).toString());
    // The 65th mapping starts on line 65, indented by 64 spaces.
    expect(errAt(nestedBlockMaps(n))).toBe(n.toString() + ":" + n.toString());
  });

  it("stops hostile nesting early without exhausting the stack", () => {
    expect(errAt("[".repeat(100000))).toBe("1:" + (MAX_DEPTH + 1).toString());
    expect(errAt("- ".repeat(10000) + "x")).toBe("1:" + (2 * MAX_DEPTH + 1).toString());
    expect(errAt(nestedBlockMaps(1000))).toBe((MAX_DEPTH + 1).toString() + ":" + (MAX_DEPTH + 1).toString());
  });
});

function nestedBlockMaps(n: i32): string {
  let s = "";
  for (let i = 0; i < n; i++) s += " ".repeat(i) + "k:\n";
  return s + " ".repeat(n) + "leaf";
}
