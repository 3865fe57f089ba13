// Each §4.4 step on its own, its failures, and the chain order.
import { extractToken, tokenSource, responseTokenSource, findCookie, jwtPayload, runStep, CaptureRegex } from "../../../assembly/token/index";
import { MEMO_BITS } from "../../../assembly/token/capture-regex";
import { decodeBase64Lenient } from "../../../assembly/token/base64";
import { ExtractorStep, StepKind } from "../../../assembly/policy/token-extractor";
import { extractorOf, regexStep, jsonPathStep, b64url } from "./util";

function re(source: string, text: string): string | null {
  const r = CaptureRegex.compile(source);
  expect(r.error).toBe("");
  return r.search(text);
}

function path(p: string, json: string): string | null {
  return runStep(jsonPathStep(p), json);
}

describe("regex step", () => {
  it("unanchored search; group 1 when it exists and participated, else the whole match", () => {
    expect(re("Bearer (\\S+)", "xx Bearer abc def")).toBe("abc");
    expect(re("\\d+", "ab 123 45")).toBe("123");
    expect(re("(x)|(\\d+)", "ab 123")).toBe("123"); // group 1 did not participate
    expect(re("(?:a)(b)?", "ac")).toBe("a");
    expect(re("(?P<tok>[a-z]+)-(\\d)", "--abc-7")).toBe("abc");
    expect(re("(\\d+)", "none")).toBeNull();
    expect(re("^Sess (\\S+)$", "Sess s3")).toBe("s3");
    expect(re("^Sess (\\S+)$", "xSess s3")).toBeNull();
  });

  it("leftmost-first priority and lazy quantifiers", () => {
    expect(re("(a|ab)(c|bcd)", "abcd")).toBe("a");
    expect(re("a(.*?)b", "a12b34b")).toBe("12");
    expect(re("a(.*)b", "a12b34b")).toBe("12b34");
    expect(re("(\\w{2,3})", "abcdef")).toBe("abc");
    expect(re("(\\w{2,3}?)", "abcdef")).toBe("ab");
    expect(re("x(a*)*b", "xaaab")).not.toBeNull(); // empty iterations terminate
  });

  it("Unicode classes, word boundaries, invalid pattern", () => {
    expect(re("(\\pL+)", "12 Zoë! ")).toBe("Zoë");
    expect(re("\\b(id)\\b", "kid id")).toBe("id");
    expect(re("(?i)token=(\\w+)", "TOKEN=ab_1")).toBe("ab_1");
    const bad = CaptureRegex.compile("(unclosed");
    expect(bad.ok).toBe(false);
    expect(bad.search("unclosed")).toBeNull();
  });

  it("byte classes under (?-u) may split a character without trapping", () => {
    const r = CaptureRegex.compile("(?-u)(\\xC3)");
    expect(r.ok).toBe(true);
    const got = r.search("caf\u00e9");
    expect(got).not.toBeNull();
    expect(re("(?-u:\\xFF)|(x)", "\u00ff x")).toBe("x");
  });

  it("tier 2: lookaround, backreference, atomic group, with a step budget", () => {
    expect(re("(?<=id=)(\\d+)", "x id=42")).toBe("42");
    expect(re("(\\w+)(?=;)", "abc; d")).toBe("abc");
    expect(re("(?!00)(\\d\\d)-", "00-17-")).toBe("17");
    expect(re("(\\w)\\1(\\w)", "abccd")).toBe("c");
    expect(re("(?>a+)(b)", "aab")).toBe("b");
    const r = CaptureRegex.compile("(?=a)(a|a)*(a|a)*(a|a)*(a|a)*c");
    r.stepBudget = 1000;
    expect(r.search("aaaaaaaaaaaaaaaaaaaaaaaa")).toBeNull();
    expect(r.exhausted).toBe(true);
  });

  it("counted repetition bound: a huge expansion is a compile error, not a trap", () => {
    const r = CaptureRegex.compile("((a{1000}){1000}){10}");
    expect(r.ok).toBe(false);
    expect(r.search("aaaa")).toBeNull();
  });

  it("long input: the PikeVM finds the span, the backtracker its groups", () => {
    let s = "";
    for (let i = 0; i < 2000; i++) s += "zz ";
    s += "ab ab key=v1 ab";
    // program ~1,600 instructions × 6,000 positions: past MEMO_BITS for the whole input
    const r = CaptureRegex.compile("(?:ab ){0,400}key=(\\w+)");
    expect(<i64>r.op.length * <i64>s.length).toBeGreaterThan(MEMO_BITS);
    expect(r.search(s)).toBe("v1");
    expect(r.exhausted).toBe(false);
    expect(r.search(s + "x")).toBe("v1");
    expect(r.search("ab ab ab")).toBeNull();
  });
});

describe("jwt_decode step", () => {
  it("keeps the text after the last space and decodes the second segment", () => {
    const p = b64url("{\"sub\":\"u1\"}");
    expect(jwtPayload("Bearer h." + p + ".s")).toBe("{\"sub\":\"u1\"}");
    expect(jwtPayload("a b c h." + p + ".s")).toBe("{\"sub\":\"u1\"}");
    expect(jwtPayload("h." + p)).toBe("{\"sub\":\"u1\"}"); // two segments are enough
  });

  it("padding optional, standard alphabet accepted", () => {
    // {"a":"??>"} has '/' and '+' in standard base64 positions? use bytes that produce - and _
    const json = "{\"k\":\"\u00ff\u00fe~~?\"}";
    const url = b64url(json);
    const std = url.replaceAll("-", "+").replaceAll("_", "/");
    expect(jwtPayload("h." + url + ".s")).toBe(json);
    expect(jwtPayload("h." + std + ".s")).toBe(json);
    let padded = url;
    while (padded.length % 4 != 0) padded += "=";
    expect(jwtPayload("h." + padded + ".s")).toBe(json);
  });

  it("fails on a missing segment, bad base64, non-UTF-8 or non-JSON payload", () => {
    expect(jwtPayload("Bearer nodots")).toBeNull();
    expect(jwtPayload("h..s")).toBeNull(); // empty payload is not JSON
    expect(jwtPayload("h.ab$c.s")).toBeNull();
    expect(jwtPayload("h.a.s")).toBeNull(); // lone sextet
    expect(jwtPayload("h." + b64url("not json") + ".s")).toBeNull();
    expect(jwtPayload("h.__8.s")).toBeNull(); // bytes ff ff: not UTF-8
    expect(jwtPayload("h.e30=x.s")).toBeNull(); // '=' inside
    expect(jwtPayload("h.e30.s")).toBe("{}");
    expect(jwtPayload("h.e30=.s")).toBe("{}");
    expect(jwtPayload("h.e30==.s")).toBeNull(); // padding past the quad
  });

  it("base64 decoder", () => {
    expect(String.UTF8.decode(decodeBase64Lenient("aGVsbG8")!.buffer)).toBe("hello");
    expect(String.UTF8.decode(decodeBase64Lenient("aGVsbG8=")!.buffer)).toBe("hello");
    expect(String.UTF8.decode(decodeBase64Lenient("aGk=")!.buffer)).toBe("hi");
    expect(decodeBase64Lenient("aGk==")).toBeNull();
    expect(decodeBase64Lenient("")!.length).toBe(0);
    expect(decodeBase64Lenient("a b=")).toBeNull();
  });
});

describe("json_path step", () => {
  const doc = "{\"a\":{\"b\":[10,{\"c\":\"x\\\"y\",\"d\":null}],\"t\":true},\"k.j\":\"dot\",\"n\":-1.5e3,\"e\":\"\\u00e9\\ud83d\\ude00\"}";
  it("$ .k ['k'] [n] [*] .*", () => {
    expect(path("$.a.b[0]", doc)).toBe("10");
    expect(path("$.a.b[1].c", doc)).toBe("x\"y");
    expect(path("$['k.j']", doc)).toBe("dot");
    expect(path("$.a['b'][1]['d']", doc)).toBe("null");
    expect(path("$.a.t", doc)).toBe("true");
    expect(path("$.n", doc)).toBe("-1.5e3");
    expect(path("$.e", doc)).toBe("é😀");
    expect(path("$.a.b[*]", doc)).toBe("10");
    expect(path("$.a.*", doc)).toBe("[10,{\"c\":\"x\\\"y\",\"d\":null}]");
    expect(path("$.a.b[*].c", doc)).toBe("x\"y");
    expect(path("$", "[ 1 , { \"a\" : \"\\n\" } ]")).toBe("[1,{\"a\":\"\\n\"}]");
  });

  it("..k descends; first match in document order", () => {
    expect(path("$..c", doc)).toBe("x\"y");
    expect(path("$..d", "{\"x\":{\"d\":1},\"d\":2}")).toBe("1");
    expect(path("$..d", "{\"d\":2,\"x\":{\"d\":1}}")).toBe("2");
    expect(path("$..*", "{\"x\":[3]}")).toBe("[3]");
    expect(path("$..id", "[{\"q\":0},{\"id\":\"i2\"}]")).toBe("i2");
  });

  it("fails on a missing key, a wrong type, an index out of range, or bad JSON", () => {
    expect(path("$.zz", doc)).toBeNull();
    expect(path("$.a.b.c", doc)).toBeNull();
    expect(path("$.a.b[2]", doc)).toBeNull();
    expect(path("$.a[0]", doc)).toBeNull();
    expect(path("$.a", "{\"a\":1")).toBeNull();
    expect(path("$.a", "{\"a\":01}")).toBeNull();
    expect(path("$.a", "{\"a\":\"\\x\"}")).toBeNull();
    expect(path("$.a", "{\"a\":1} x")).toBeNull();
    expect(path("$.a", "{\"a\":\"tab\there\"}")).toBeNull();
    expect(path("$.a", "")).toBeNull();
  });

  it("nesting past 128 levels fails instead of recursing", () => {
    let deep = "";
    for (let i = 0; i < 129; i++) deep += "[";
    for (let i = 0; i < 129; i++) deep += "]";
    expect(path("$", deep)).toBeNull();
    let ok = "";
    for (let i = 0; i < 128; i++) ok += "[";
    for (let i = 0; i < 128; i++) ok += "]";
    expect(path("$", ok)).toBe(ok);
  });
});

describe("hash step", () => {
  it("SHA-256 as 64 uppercase hex", () => {
    const h = new ExtractorStep(StepKind.Hash);
    expect(runStep(h, "abc")).toBe("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    expect(runStep(h, "")).toBe("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
  });
});

describe("chain and sources", () => {
  it("legacy regex first, then steps, then legacy hash", () => {
    const te = extractorOf("      { location: request, header: X-Session, regex: \"^Sess (\\\\S+)$\", hash: true, extractor: { json_path: \"$.u\" } }\n");
    const r = extractToken(te, tokenSource(te, ["x-session"], ["Sess {\"u\":\"abc\"}"]));
    expect(r.token).toBe("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
    expect(extractToken(te, "Nope {\"u\":\"abc\"}").token).toBeNull();
  });

  it("no steps: the header value itself is the token; first value of a repeated header", () => {
    const te = extractorOf("      { header: X-User }\n");
    const r = extractToken(te, tokenSource(te, ["x-user", "x-user"], ["first", "second"]));
    expect(r.token).toBe("first");
    expect(r.metadata.length).toBe(0);
  });

  it("request_cookie: split on ';', trimmed, first pair with that exact name", () => {
    const te = extractorOf("      { location: request_cookie, header: SessionId }\n");
    const names = ["accept", "cookie", "cookie"];
    const values = ["*/*", "a=1; sessionid=lower;  SessionId = s-1 ; SessionId=s-2", "SessionId=s-3"];
    expect(extractToken(te, tokenSource(te, names, values)).token).toBe("s-1");
    expect(tokenSource(te, ["cookie", "cookie"], ["a=1", "SessionId=s-3"])).toBe("s-3");
    expect(tokenSource(te, ["cookie"], ["a=1;b"])).toBeNull();
    expect(tokenSource(te, ["sessionid"], ["x"])).toBeNull();
    expect(findCookie("flag; SessionId", "SessionId")).toBe("");
    expect(findCookie("x=a=b", "x")).toBe("a=b");
  });

  it("response location reads response headers only", () => {
    const te = extractorOf("      { location: response, header: X-Token }\n");
    expect(tokenSource(te, ["x-token"], ["t"])).toBeNull();
    expect(responseTokenSource(te, ["x-token"], ["t"])).toBe("t");
    expect(extractToken(te, responseTokenSource(te, ["x-token"], ["t"])).token).toBe("t");
  });

  it("metadata forks from the current value; a failed field is absent; nested metadata", () => {
    const te = extractorOf(`      location: request
      header: x-j
      extractor:
        - metadata: { whole: [], missing: {json_path: "$.nope"}, org: [ {json_path: "$.org"}, { metadata: { inner: {regex: "(c.)"} } } ] }
        - json_path: "$.uid"
`);
    const r = extractToken(te, "{\"org\":\"acme\",\"uid\":7}");
    expect(r.token).toBe("7");
    expect(r.meta("whole")).toBe("{\"org\":\"acme\",\"uid\":7}");
    expect(r.meta("missing")).toBeNull();
    expect(r.meta("org")).toBe("acme");
    expect(r.meta("inner")).toBe("cm");
    expect(r.metadata.length).toBe(3);
  });

  it("a regex step that does not match fails the chain", () => {
    const s = regexStep("Bearer (\\S+)");
    expect(runStep(s, "Basic abc")).toBeNull();
    expect(runStep(s, "Bearer abc")).toBe("abc");
  });
});
