// Every error carries line:column (1-based, columns in code points) and names what was
// expected and what was found. The parse stops at the first error with no root.
import { parseYaml } from "../../../assembly/yaml";
import { parseErr, doc } from "./util";

describe("indentation errors", () => {
  it("tabs in indentation", () => {
    expect(parseErr("\ta: 1")).toBe("1:1: tab character in indentation: YAML indentation must use spaces");
    expect(parseErr("a:\n  \tb: 1")).toBe("2:3: tab character in indentation: YAML indentation must use spaces");
    expect(parseErr("- a\n\t- b")).toBe("2:1: tab character in indentation: YAML indentation must use spaces");
  });

  it("mapping keys at the wrong column", () => {
    expect(parseErr("a: |\n    x\n  y")).toBe("3:3: bad indentation: expected a mapping key at column 1 (this mapping's indentation), found 'y' at column 3");
    expect(parseErr("a:\n  b: [1]\n   c: 2")).toBe("3:4: bad indentation: expected a mapping key at column 3 (this mapping's indentation), found 'c' at column 4");
    // A deeper line after a plain value continues that value ("1 c"), as YAML says.
    expect(parseErr("a:\n  b: 1\n   c: 2")).toBe("3:5: mapping values are not allowed here: a value on its key's line cannot itself be 'key: value' (quote it, or start the mapping on the next line)");
  });

  it("sequence entries at the wrong column", () => {
    expect(parseErr("- \"a\"\n  - b")).toBe("2:3: bad indentation: expected this '- ' entry at column 1 (this sequence's indentation), found '-' at column 3");
    expect(parseErr("a: 1\n- b")).toBe("2:1: expected a mapping key, found '- ': a sequence entry cannot follow mapping entries at the same indentation");
  });

  it("content that matches no enclosing block", () => {
    expect(parseErr("  a: 1\nb: 2")).toBe("2:1: expected the end of the document, found 'b' (at column 1, which matches no enclosing block)");
    expect(parseErr("- a\nb: 1")).toBe("2:1: expected the end of the document, found 'b' (at column 1, which matches no enclosing block)");
  });
});

describe("mapping errors", () => {
  it("a 'key: value' as a value", () => {
    expect(parseErr("a: b: c")).toBe("1:5: mapping values are not allowed here: a value on its key's line cannot itself be 'key: value' (quote it, or start the mapping on the next line)");
    expect(parseErr("a: 1\n  b: 2")).toBe("2:4: mapping values are not allowed here: a value on its key's line cannot itself be 'key: value' (quote it, or start the mapping on the next line)");
  });

  it("a key without ':'", () => {
    expect(parseErr("a: 1\nb")).toBe("2:2: expected ':' after the key 'b', found end of input");
    expect(parseErr("a: 1\nb\nc: 2")).toBe("2:2: expected ':' after the key 'b', found end of line");
    expect(parseErr("a: 1\nb c # x\nd: 2")).toBe("2:4: expected ':' after the key 'b c', found end of line");
    expect(parseErr("a: 1\n\"b\" x: 2")).toBe("2:5: expected ':' after the key 'b', found 'x'");
  });

  it("a ':' without a key, and multi-line keys", () => {
    expect(parseErr(": x")).toBe("1:1: expected a mapping key before ':'");
    expect(parseErr("a: 1\n: x")).toBe("2:1: expected a mapping key before ':'");
    expect(parseErr("\"multi\n line\": v")).toBe("1:1: a mapping key must be on a single line");
  });

  it("a block sequence on its key's line", () => {
    expect(parseErr("a: - b")).toBe("1:4: a block sequence cannot start on the line of its mapping key: put each '- ' entry on its own line");
  });

  it("explicit keys are not supported", () => {
    expect(parseErr("? a\n: b")).toBe("1:1: explicit mapping keys ('? ') are not supported: write 'key: value'");
    expect(parseErr("- ? a")).toBe("1:3: explicit mapping keys ('? ') are not supported: write 'key: value'");
    expect(parseErr("{? a: b}")).toBe("1:2: explicit mapping keys ('? ') are not supported: write 'key: value'");
  });

  it("junk after a value", () => {
    expect(parseErr("a: \"b\" c")).toBe("1:8: expected the end of the line after the value, found 'c'");
    expect(parseErr("a: [b] c")).toBe("1:8: expected the end of the line after the value, found 'c'");
    expect(parseErr("a: \"x\"#c")).toBe("1:7: a comment needs whitespace before '#'");
    expect(parseErr("\"a\":1")).toBe("1:4: mapping values are not allowed here (found ':' after a complete value; quote the value if the ':' belongs to it)");
  });
});

describe("flow errors", () => {
  it("unclosed collections point at the opening bracket", () => {
    expect(parseErr("a: [1, 2")).toBe("1:4: flow sequence is never closed: expected ']' before the end of input");
    expect(parseErr("a:\n  - {x: 1,\n     y: 2")).toBe("2:5: flow mapping is never closed: expected '}' before the end of input");
  });

  it("missing and doubled commas", () => {
    expect(parseErr("a: {x: 1 y: 2}")).toBe("1:11: expected ',' or '}' in the flow mapping, found ':'");
    expect(parseErr("[\"a\" \"b\"]")).toBe("1:6: expected ',' or ']' in the flow sequence, found '\"'");
    expect(parseErr("[1,,2]")).toBe("1:4: expected an entry or ']' in the flow sequence, found ','");
    expect(parseErr("{a: 1,,}")).toBe("1:7: expected a key or '}' in the flow mapping, found ','");
    expect(parseErr("{: 1}")).toBe("1:2: expected a key before ':' in the flow mapping");
  });

  it("block constructs inside flow", () => {
    expect(parseErr("- [a, |x]")).toBe("1:7: block scalars ('|', '>') are not allowed inside a flow collection");
    expect(parseErr("[- a]")).toBe("1:2: block sequence entries ('- ') are not allowed inside a flow collection");
  });

  it("flow indicators outside flow, reserved indicators", () => {
    expect(parseErr(", a")).toBe("1:1: unexpected ',' outside a flow collection (quote the value if it belongs to it)");
    expect(parseErr("a: ]")).toBe("1:4: unexpected ']' outside a flow collection (quote the value if it belongs to it)");
    expect(parseErr("a: @x")).toBe("1:4: a plain scalar cannot start with '@' (reserved indicator): quote the value");
    expect(parseErr("a: `x")).toBe("1:4: a plain scalar cannot start with '`' (reserved indicator): quote the value");
  });
});

describe("scalar errors", () => {
  it("unclosed quotes point at the opening quote", () => {
    expect(parseErr("a: \"x")).toBe("1:4: double-quoted scalar is never closed: expected '\"' before the end of input");
    expect(parseErr("a: 'x\n\n  y")).toBe("1:4: single-quoted scalar is never closed: expected \"'\" before the end of input");
    expect(parseErr("a: \"b\n---\nc\"")).toBe("2:1: document marker inside a quoted scalar: expected the closing quote first");
    // A forgotten closing quote is reported where the next line fails to continue it.
    expect(parseErr("a: \"x\nb: 2\nc: \"y\"")).toBe("1:4: double-quoted scalar is never closed: expected '\"' before line 2, which is not indented enough to continue it");
    expect(parseErr("- 'x\n- y'")).toBe("1:3: single-quoted scalar is never closed: expected \"'\" before line 2, which is not indented enough to continue it");
    expect(parseErr("k:\n  - \"a\\\n  b\"")).toBe("2:5: double-quoted scalar is never closed: expected '\"' before line 3, which is not indented enough to continue it");
  });

  it("bad escapes point at the backslash", () => {
    expect(parseErr("a: \"\\q\"")).toBe("1:5: unknown escape sequence '\\q' in double-quoted scalar (write '\\\\' for a backslash)");
    expect(parseErr("a: \"ok\\x4\"")).toBe("1:7: escape '\\x' needs 2 hex digits");
    expect(parseErr("a: \"\\u12\"")).toBe("1:5: escape '\\u' needs 4 hex digits");
    expect(parseErr("a: \"\\U00110000\"")).toBe("1:5: escape '\\U00110000' is beyond U+10FFFF");
  });

  it("bad block scalar headers and indentation", () => {
    expect(parseErr("a: |0\n x")).toBe("1:5: block scalar indentation indicator must be 1-9, found '0'");
    expect(parseErr("a: |x")).toBe("1:5: expected a chomping indicator ('-' or '+'), an indentation indicator (1-9), a comment or a line break after '|', found 'x'");
    expect(parseErr("a: >-+\n x")).toBe("1:6: expected a chomping indicator ('-' or '+'), an indentation indicator (1-9), a comment or a line break after '>', found '+'");
    expect(parseErr("a: |\n     \n   x")).toBe("2:1: a leading empty line of the block scalar has more spaces (5) than its first content line (3)");
  });

  it("control characters", () => {
    expect(parseErr("a: b\x01c")).toBe("1:5: control character 0x01 is not allowed in YAML (write it as an escape in a double-quoted scalar)");
    expect(parseErr("a: ok\nb: \"\x7F\"")).toBe("2:5: control character 0x7F is not allowed in YAML (write it as an escape in a double-quoted scalar)");
  });
});

describe("tag, anchor and alias errors", () => {
  it("reports them at the property", () => {
    expect(parseErr("a: !!foo x")).toBe("1:4: unknown tag '!!foo': the core schema has !!str, !!int, !!float, !!bool, !!null, !!map and !!seq");
    expect(parseErr("a: !e!x y")).toBe("1:4: named tag handle in '!e!x' is not supported (no %TAG directives): use a local tag like '!name'");
    expect(parseErr("a: !<tag:other> x")).toBe("1:4: unsupported tag '!<tag:other>': only local tags (!name) and the core schema's tags are supported");
    expect(parseErr("a: !!int x")).toBe("1:4: the tag needs an integer, found 'x'");
    expect(parseErr("a: !!map [1]")).toBe("1:4: the tag needs a mapping, found a sequence");
    expect(parseErr("a: &a &b x")).toBe("1:7: a node can have only one anchor (it already has one)");
    expect(parseErr("a: !t !u x")).toBe("1:7: a node can have only one tag (it already has one)");
    expect(parseErr("a: !t\n  !u x")).toBe("2:3: a node can have only one tag (it already has one)");
    expect(parseErr("&a *b")).toBe("1:1: an alias cannot have a tag or anchor");
    expect(parseErr("a: &\n")).toBe("1:4: expected an anchor name after '&', found end of line");
    expect(parseErr("a: !t[x]")).toBe("1:6: expected whitespace after the tag, found '['");
  });
});

describe("document errors", () => {
  it("directives", () => {
    expect(parseErr("%TAG ! tag:x,2000:\n---\na")).toBe("1:1: %TAG directives are not supported: use local tags such as '!name'");
    expect(parseErr("%YAML 1.2\na: 1")).toBe("2:1: expected '---' after the directives, found 'a'");
  });

  it("columns count code points, not bytes", () => {
    expect(parseErr("é: ü: x")).toBe("1:5: mapping values are not allowed here: a value on its key's line cannot itself be 'key: value' (quote it, or start the mapping on the next line)");
    expect(parseErr("日本: \"x\" y")).toBe("1:9: expected the end of the line after the value, found 'y'");
  });

  it("stops at the first error with no partial root", () => {
    let d = doc("a: 1\nb: [\nc: 'x");
    expect(d.root).toBeNull();
    expect(d.errors.length).toBe(1);
    expect(d.ok()).toBe(false);
  });
});
