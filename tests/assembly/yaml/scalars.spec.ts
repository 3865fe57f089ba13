import { YamlKind, ScalarStyle } from "../../../assembly/yaml";
import { parseOk, parseErr, at } from "./util";

describe("plain scalars", () => {
  it("fold multi-line plain scalars", () => {
    let r = parseOk("a: plain\n  continued\n\n  para\n\n\n  two\nb: 1");
    expect(at(r, "a").text).toBe("plain continued\npara\n\ntwo");
    expect(at(r, "a").style).toBe(ScalarStyle.Plain);
    expect(at(r, "b").intValue).toBe(1);
    expect(parseOk("- a\n  b\n- c").items[0].text).toBe("a b");
  });

  it("stop at a comment and trim trailing blanks", () => {
    let r = parseOk("a: b  # comment\nc: d#e   \nf: g\n  # comment ends it\n");
    expect(at(r, "a").text).toBe("b");
    expect(at(r, "c").text).toBe("d#e");
    expect(at(r, "f").text).toBe("g");
  });

  it("keep backslashes and indicators inside", () => {
    let r = parseOk("a: \\d+\\.\\w\nb: -x\nc: ?y\nd: :z\ne: a - b\nf: x@y!z");
    expect(at(r, "a").text).toBe("\\d+\\.\\w");
    expect(at(r, "b").text).toBe("-x");
    expect(at(r, "c").text).toBe("?y");
    expect(at(r, "d").text).toBe(":z");
    expect(at(r, "e").text).toBe("a - b");
    expect(at(r, "f").text).toBe("x@y!z");
  });
});

describe("core schema resolution (spec §2.1)", () => {
  it("resolves null", () => {
    let r = parseOk("[~, null, Null, NULL, nULL]");
    for (let i = 0; i < 4; i++) expect(r.items[i].kind).toBe(YamlKind.Null);
    expect(r.items[4].kind).toBe(YamlKind.String);
  });

  it("takes only true/false, in any case, as booleans", () => {
    let r = parseOk("[true, False, TRUE, tRuE, yes, no, on, off, y, n]");
    expect(r.items[0].boolValue).toBe(true);
    expect(r.items[1].kind).toBe(YamlKind.Bool);
    expect(r.items[1].boolValue).toBe(false);
    expect(r.items[2].boolValue).toBe(true);
    expect(r.items[3].boolValue).toBe(true);
    for (let i = 4; i < 10; i++) expect(r.items[i].kind).toBe(YamlKind.String);
  });

  it("resolves integers and keeps the source text", () => {
    let r = parseOk("[0042, -17, +5, 0o17, 0x1F, 9223372036854775807, -9223372036854775808, 9223372036854775808, 1_000]");
    expect(r.items[0].kind).toBe(YamlKind.Int);
    expect(r.items[0].intValue).toBe(42);
    expect(r.items[0].text).toBe("0042");
    expect(r.items[1].intValue).toBe(-17);
    expect(r.items[2].intValue).toBe(5);
    expect(r.items[3].intValue).toBe(15);
    expect(r.items[4].intValue).toBe(31);
    expect(r.items[5].intValue).toBe(i64.MAX_VALUE);
    expect(r.items[6].intValue).toBe(i64.MIN_VALUE);
    expect(r.items[7].kind).toBe(YamlKind.Float);
    expect(r.items[7].text).toBe("9223372036854775808");
    expect(r.items[8].kind).toBe(YamlKind.String);
  });

  it("resolves floats", () => {
    let r = parseOk("[1.5, .5, 1., -2.5e3, 1E-2, .inf, -.Inf, +.INF, .nan, 1.2.3, e3]");
    expect(r.items[0].floatValue).toBe(1.5);
    expect(r.items[1].floatValue).toBe(0.5);
    expect(r.items[2].floatValue).toBe(1.0);
    expect(r.items[3].floatValue).toBe(-2500.0);
    expect(r.items[4].floatValue).toBe(0.01);
    expect(r.items[5].floatValue).toBe(Infinity);
    expect(r.items[6].floatValue).toBe(-Infinity);
    expect(r.items[7].floatValue).toBe(Infinity);
    expect(isNaN(r.items[8].floatValue)).toBe(true);
    expect(r.items[8].kind).toBe(YamlKind.Float);
    expect(r.items[9].kind).toBe(YamlKind.String);
    expect(r.items[10].kind).toBe(YamlKind.String);
  });

  it("never resolves quoted or block scalars", () => {
    let r = parseOk("a: '1'\nb: \"true\"\nc: |\n  null\n");
    expect(at(r, "a").kind).toBe(YamlKind.String);
    expect(at(r, "b").kind).toBe(YamlKind.String);
    expect(at(r, "c").kind).toBe(YamlKind.String);
    expect(at(r, "c").text).toBe("null\n");
  });
});

describe("single-quoted scalars", () => {
  it("unescape '' and keep backslashes", () => {
    let r = parseOk("a: 'it''s'\nb: '\\d+'\nc: ''\nd: '# not a comment'");
    expect(at(r, "a").text).toBe("it's");
    expect(at(r, "a").style).toBe(ScalarStyle.SingleQuoted);
    expect(at(r, "b").text).toBe("\\d+");
    expect(at(r, "c").text).toBe("");
    expect(at(r, "c").kind).toBe(YamlKind.String);
    expect(at(r, "d").text).toBe("# not a comment");
  });

  it("fold lines", () => {
    let r = parseOk("a: 'multi  \n   line\n\n  next '");
    expect(at(r, "a").text).toBe("multi line\nnext ");
  });
});

describe("double-quoted scalars", () => {
  it("decode every escape", () => {
    let r = parseOk("\"\\\\ \\\" \\/ \\n \\r \\t \\0 \\a \\b \\e \\f \\v \\  \\N \\_ \\L \\P \\x41 \\u00e9 \\U0001F600\"");
    let want = "\\ \" / \n \r \t \0 \x07 \b \x1B \f \v   \u0085 \u00A0 \u2028 \u2029 A é 😀";
    expect(r.text).toBe(want);
    expect(r.style).toBe(ScalarStyle.DoubleQuoted);
  });

  it("turns the regex spelling \\\\d into \\d", () => {
    expect(parseOk("r: \"\\\\b\\\\d{9}\\\\b\"").get("r")!.text).toBe("\\b\\d{9}\\b");
  });

  it("combines JSON surrogate pairs and replaces lone surrogates", () => {
    expect(parseOk("\"\\uD83D\\uDE00|\\uD800|\\uDC00\"").text).toBe("😀|\uFFFD|\uFFFD");
  });

  it("folds lines and joins escaped line breaks", () => {
    expect(parseOk("\"a  \n  b\n\n  c\"").text).toBe("a b\nc");
    expect(parseOk("\"esc \\\n    aped\"").text).toBe("esc aped");
    expect(parseOk("\"x\\\n\n  y\"").text).toBe("x\ny");
    expect(parseOk("\"tab\\\tin\"").text).toBe("tab\tin");
  });
});

describe("block scalars", () => {
  it("literal keeps line breaks, clip chomping keeps one", () => {
    let r = parseOk("k: |\n  line1\n    indented\n  line3\n\n\nn: 1");
    expect(at(r, "k").text).toBe("line1\n  indented\nline3\n");
    expect(at(r, "k").style).toBe(ScalarStyle.Literal);
    expect(at(r, "n").intValue).toBe(1);
  });

  it("strip and keep chomping", () => {
    let r = parseOk("a: |-\n  strip\n\nb: |+\n  keep\n\n\nc: >-\n  x\n\nd: >+\n  y\n");
    expect(at(r, "a").text).toBe("strip");
    expect(at(r, "b").text).toBe("keep\n\n\n");
    expect(at(r, "c").text).toBe("x");
    expect(at(r, "d").text).toBe("y\n");
  });

  it("folded joins lines, keeps paragraphs and more-indented lines", () => {
    let r = parseOk("k: >\n  folded\n  line\n\n  para\n     more\n     indented\n  back\n");
    expect(at(r, "k").text).toBe("folded line\npara\n   more\n   indented\nback\n");
    expect(at(r, "k").style).toBe(ScalarStyle.Folded);
  });

  it("takes explicit indentation indicators and both header orders", () => {
    let r = parseOk("a: |2\n   lead space\n  base\nb: >-1\n  x\nc: |+2\n   y\n");
    expect(at(r, "a").text).toBe(" lead space\nbase\n");
    expect(at(r, "b").text).toBe(" x");
    expect(at(r, "c").text).toBe(" y\n");
    expect(parseOk("- |1\n  two\n").items[0].text).toBe(" two\n");
  });

  it("handles leading empty lines, comments after the header, empty bodies and EOF", () => {
    let r = parseOk("a: |  # header comment\n\n  after blank\nb: |\nc: >\n\n\nd: |\n  end");
    expect(at(r, "a").text).toBe("\nafter blank\n");
    expect(at(r, "b").text).toBe("");
    expect(at(r, "c").text).toBe("");
    expect(at(r, "d").text).toBe("end\n"); // the end of input is the final line break
    expect(parseOk("k: |-\n  end").get("k")!.text).toBe("end");
    expect(parseOk("k: |+\n  end").get("k")!.text).toBe("end\n");
  });

  it("ends at a less indented line and keeps '#' lines inside", () => {
    let r = parseOk("a: |\n  # not a comment\n  x\n# a comment\nb: 2");
    expect(at(r, "a").text).toBe("# not a comment\nx\n");
    expect(at(r, "b").intValue).toBe(2);
  });

  it("works in sequences and at the top", () => {
    let r = parseOk("- |\n  one\n- >\n  two\n  lines\n");
    expect(r.items[0].text).toBe("one\n");
    expect(r.items[1].text).toBe("two lines\n");
    expect(parseOk("|\n text\n").text).toBe("text\n");
  });
});

describe("invalid UTF-8", () => {
  it("decodes with replacement characters", () => {
    let bytes = new Uint8Array(9);
    bytes[0] = 0x61; bytes[1] = 0x3A; bytes[2] = 0x20; // "a: "
    bytes[3] = 0xFF; bytes[4] = 0xC3; bytes[5] = 0xA9; // 0xFF, "é"
    bytes[6] = 0xE2; bytes[7] = 0x82; // truncated 3-byte sequence
    bytes[8] = 0x78; // "x"
    let d = parseYaml(bytes);
    expect(d.ok()).toBe(true);
    expect(d.root!.get("a")!.text).toBe("\uFFFDé\uFFFD\uFFFDx");
  });
});

import { parseYaml } from "../../../assembly/yaml";
