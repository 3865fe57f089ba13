import { parse } from "../../../assembly/regex/parser";

function p(src: string): string {
  const r = parse(src);
  return r.error != null ? "ERR " + r.error!.toString() : r.hir!.toString();
}

describe("regex parser: literals and escapes", () => {
  it("parses literals and concatenation", () => { expect(p("ab")).toBe("cat([a],[b])"); });
  it("parses control escapes", () => { expect(p("\\n\\t\\r\\f\\v\\a")).toBe("cat([\\x{a}],[\\x{9}],[\\x{d}],[\\x{c}],[\\x{b}],[\\x{7}])"); });
  it("parses hex escapes", () => {
    expect(p("\\x7F")).toBe("[\\x{7f}]");
    expect(p("\\x{10FFFF}")).toBe("[\\x{10ffff}]");
    expect(p("\\u00e9")).toBe("[\\x{e9}]");
    expect(p("\\U0001F600")).toBe("[\\x{1f600}]");
  });
  it("parses escaped meta characters", () => { expect(p("\\.\\*\\(\\)\\[\\]\\{\\}\\|\\^\\$\\?\\+\\\\\\-\\&\\~\\#")).toBe("cat([.],[*],[(],[)],[\\x{5b}],[\\x{5d}],[{],[}],[|],[^],[$],[?],[+],[\\x{5c}],[\\x{2d}],[&],[~],[#])"); });
  it("parses non-ASCII literals", () => { expect(p("é")).toBe("[\\x{e9}]"); });
  it("parses byte escapes under (?-u)", () => { expect(p("(?-u)\\xFF")).toBe("B[\\x{ff}]"); });
  it("parses dot", () => {
    expect(p(".")).toBe("[\\x{0}-\\x{9}\\x{b}-\\x{10ffff}]");
    expect(p("(?s).")).toBe("[\\x{0}-\\x{10ffff}]");
    expect(p("(?-u).")).toBe("B[\\x{0}-\\x{9}\\x{b}-\\x{ff}]");
    expect(p("(?R).")).toBe("[\\x{0}-\\x{9}\\x{b}-\\x{c}\\x{e}-\\x{10ffff}]");
  });
});

describe("regex parser: classes", () => {
  it("parses ranges and negation", () => {
    expect(p("[a-c0]")).toBe("[0a-c]");
    expect(p("(?-u)[^a]")).toBe("B[\\x{0}-`b-\\x{ff}]");
  });
  it("treats a leading ] and edge - as literals", () => {
    expect(p("[]a]")).toBe("[\\x{5d}a]");
    expect(p("[-a-]")).toBe("[\\x{2d}a]");
  });
  it("parses nested classes", () => { expect(p("[a[b-c]]")).toBe("[a-c]"); });
  it("parses POSIX classes", () => {
    expect(p("[[:digit:]]")).toBe("[0-9]");
    expect(p("[[:^alpha:]]")).toBe("[\\x{0}-@\\x{5b}-`{-\\x{10ffff}]");
    expect(p("[[:xdigit:][:space:]]")).toBe("[\\x{9}-\\x{d}\\x{20}0-9A-Fa-f]");
  });
  it("parses set operators", () => {
    expect(p("[a-z&&c-e]")).toBe("[c-e]");
    expect(p("[a-z--c-x]")).toBe("[a-by-z]");
    expect(p("[a-c~~b-d]")).toBe("[ad]");
    expect(p("[a-z&&[^m]--z]")).toBe("[a-ln-y]");
  });
  it("parses Perl classes (ASCII and Unicode)", () => {
    expect(p("(?-u)\\d")).toBe("B[0-9]");
    expect(p("(?-u)\\w")).toBe("B[0-9A-Z_a-z]");
    expect(p("(?-u)\\s")).toBe("B[\\x{9}-\\x{d}\\x{20}]");
    expect(p("(?-u)\\D")).toBe("B[\\x{0}-/:-\\x{ff}]");
    expect(p("\\d").indexOf("\\x{660}-\\x{669}")).toBeGreaterThan(0);
    expect(p("\\s").indexOf("\\x{3000}")).toBeGreaterThan(0);
    expect(p("\\w").indexOf("\\x{d8}-\\x{f6}")).toBeGreaterThan(0);
    expect(p("[\\d\\s]").indexOf("\\x{3000}")).toBeGreaterThan(0);
  });
  it("parses Unicode properties", () => {
    expect(p("\\pN").length).toBeGreaterThan(20);
    expect(p("\\p{Lu}").indexOf("A-Z")).toBeGreaterThan(0);
    expect(p("\\p{Uppercase_Letter}")).toBe(p("\\p{Lu}"));
    expect(p("\\p{gc=Lu}")).toBe(p("\\p{Lu}"));
    expect(p("\\p{Greek}").indexOf("\\x{3a3}-\\x{3e1}")).toBeGreaterThan(0);
    expect(p("\\p{Script=Greek}")).toBe(p("\\p{Greek}"));
    expect(p("\\p{Alphabetic}").indexOf("A-Z")).toBeGreaterThan(0);
    expect(p("\\p{White_Space}")).toBe(p("\\s"));
    expect(p("\\PL")).toBe(p("\\p{^L}"));
    expect(p("\\P{L}").indexOf("A-Z")).toBe(-1);
  });
  it("case folds classes and literals", () => {
    expect(p("(?i)k")).toBe("[Kk\\x{212a}]");
    expect(p("(?i)[a-b]")).toBe("[A-Ba-b]");
    expect(p("(?i-u)k")).toBe("B[Kk]");
    expect(p("(?i)[^k]").indexOf("\\x{212a}")).toBe(-1);
  });
});

describe("regex parser: groups, flags, anchors, repetition", () => {
  it("parses anchors and word boundaries", () => {
    expect(p("^$\\A\\z")).toBe("cat(look0,look1,look0,look1)");
    expect(p("(?m)^$")).toBe("cat(look2,look3)");
    expect(p("(?mR)^$")).toBe("cat(look4,look5)");
    expect(p("\\b\\B")).toBe("cat(look8,look9)");
    expect(p("(?-u:\\b)\\B")).toBe("cat(look6,look9)");
  });
  it("parses groups", () => {
    expect(p("(a)(?:b)(?P<x>c)(?<y>d)")).toBe("cat(cap1([a]),[b],cap2<x>([c]),cap3<y>([d]))");
    expect(p("()")).toBe("cap1(())");
  });
  it("parses alternation", () => { expect(p("a|b|")).toBe("alt([a],[b],())"); });
  it("parses flags in every form", () => {
    expect(p("a(?i)b|c")).toBe("alt(cat([a],[Bb]),[Cc])");
    expect(p("(?i:a)b")).toBe("cat([Aa],[b])");
    expect(p("(?i)a(?-i)b")).toBe("cat([Aa],[b])");
    expect(p("(?x) a b # comment\n c")).toBe("cat([a],[b],[c])");
    expect(p("(?x)a\\ b")).toBe("cat([a],[\\x{20}],[b])");
    expect(p("(?U)a*a*?")).toBe("cat(rep{0,}?([a]),rep{0,}([a]))");
    expect(p("(?sm-ixU:.)")).toBe("[\\x{0}-\\x{10ffff}]");
  });
  it("parses repetition", () => {
    expect(p("a*b+c?")).toBe("cat(rep{0,}([a]),rep{1,}([b]),rep{0,1}([c]))");
    expect(p("a*?b+?c??")).toBe("cat(rep{0,}?([a]),rep{1,}?([b]),rep{0,1}?([c]))");
    expect(p("a{3}b{2,}c{1,4}d{2,5}?")).toBe("cat(rep{3,3}([a]),rep{2,}([b]),rep{1,4}([c]),rep{2,5}?([d]))");
  });
  it("parses tier-2 constructs", () => {
    expect(p("(?=a)(?!b)(?<=c)(?<!d)")).toBe("cat(la=([a]),la!([b]),lb=([c]),lb!([d]))");
    expect(p("(a)\\1")).toBe("cat(cap1([a]),ref1)");
    expect(p("(?<n>a)\\k<n>")).toBe("cat(cap1<n>([a]),ref1)");
    expect(p("(?>a+)")).toBe("atomic(rep{1,}([a]))");
  });
});

describe("regex parser: errors carry reason and byte position", () => {
  it("reports unclosed and unopened groups", () => {
    expect(p("ab(c")).toBe("ERR unclosed group at byte 2");
    expect(p("ab)")).toBe("ERR unopened group at byte 2");
  });
  it("reports unclosed classes", () => { expect(p("x[a-")).toBe("ERR unclosed character class at byte 1"); });
  it("reports invalid ranges", () => {
    expect(p("[z-a]")).toBe("ERR invalid range: start is greater than end at byte 1");
    expect(p("[a-\\d]")).toBe("ERR invalid range boundary, must be a literal at byte 3");
  });
  it("reports bad repetitions", () => {
    expect(p("*a")).toBe("ERR repetition operator missing expression at byte 0");
    expect(p("a|+")).toBe("ERR repetition operator missing expression at byte 2");
    expect(p("a{2,1}")).toBe("ERR invalid repetition range {2,1} at byte 1");
    expect(p("a{1001}")).toBe("ERR repetition count exceeds 1000 at byte 1");
    expect(p("a{2")).toBe("ERR unclosed counted repetition at byte 1");
    expect(p("a{x}")).toBe("ERR repetition quantifier expects a valid decimal at byte 2");
  });
  it("reports bad escapes", () => {
    expect(p("a\\")).toBe("ERR incomplete escape sequence at byte 1");
    expect(p("\\q")).toBe("ERR unrecognized escape sequence at byte 0");
    expect(p("\\xZZ")).toBe("ERR invalid hexadecimal digit at byte 2");
    expect(p("\\x{110000}")).toBe("ERR hexadecimal literal is not a Unicode scalar value at byte 0");
    expect(p("\\x{D800}")).toBe("ERR hexadecimal literal is not a Unicode scalar value at byte 0");
    expect(p("\\x{}")).toBe("ERR hexadecimal literal is empty at byte 0");
    expect(p("\\x{41")).toBe("ERR unclosed hexadecimal literal at byte 0");
    expect(p("\\p{Nope}")).toBe("ERR unknown Unicode property 'Nope' at byte 0");
    expect(p("\\p{L")).toBe("ERR unclosed Unicode class at byte 0");
    expect(p("(?-u)\\pL")).toBe("ERR Unicode classes need the u flag at byte 5");
    expect(p("\\0")).toBe("ERR octal escapes are not supported at byte 0");
    expect(p("\\b{start}")).toBe("ERR word boundary assertions \\b{...} are not supported at byte 0");
  });
  it("reports bad flags", () => {
    expect(p("(?z)")).toBe("ERR unrecognized flag at byte 2");
    expect(p("(?ii)")).toBe("ERR duplicate flag at byte 3");
    expect(p("(?i-)")).toBe("ERR dangling flag negation at byte 3");
    expect(p("(?)")).toBe("ERR empty flag group at byte 0");
    expect(p("(?i")).toBe("ERR unclosed group at byte 0");
  });
  it("reports bad group names and backreferences", () => {
    expect(p("(?P<>a)")).toBe("ERR empty capture group name at byte 4");
    expect(p("(?P<a>x)(?P<a>y)")).toBe("ERR duplicate capture group name at byte 12");
    expect(p("(?P<a-b>x)")).toBe("ERR invalid capture group character at byte 5");
    expect(p("\\1(a)")).toBe("ERR backreference to an undefined group at byte 0");
    expect(p("\\k<zz>")).toBe("ERR unknown group name in backreference at byte 3");
  });
  it("reports byte positions past non-ASCII text", () => { expect(p("éé)")).toBe("ERR unopened group at byte 4"); });
  it("reports non-ASCII in byte classes", () => { expect(p("(?-u)[é]")).toBe("ERR non-ASCII character in a class without the u flag at byte 6"); });
  it("reports bad POSIX names", () => { expect(p("[[:foo:]]")).toBe("ERR invalid POSIX class name 'foo' at byte 1"); });
});
