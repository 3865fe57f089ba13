// Property tests with a deterministic PRNG: malformed JWTs, base64, JSON and header values never
// trap, and the capture backtracker's whole match agrees with the engine's PikeVM.
import { extractToken, jwtPayload, runStep, CaptureRegex } from "../../../assembly/token/index";
import { decodeBase64Lenient } from "../../../assembly/token/base64";
import { parseJsonText } from "../../../assembly/token/json";
import { parse } from "../../../assembly/regex/parser";
import { compileNfa } from "../../../assembly/regex/compiler";
import { PikeVM } from "../../../assembly/regex/pikevm";
import { extractorOf, jsonPathStep } from "./util";

let seed: u32 = 0x9e3779b9;
function rnd(n: i32): i32 {
  // xorshift32
  seed ^= seed << 13; seed ^= seed >> 17; seed ^= seed << 5;
  return <i32>(seed % <u32>n);
}
function pick(s: string): string { return s.charAt(rnd(s.length)); }

const AUTH = "Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjdXN0LTUwNzMxIiwidGlkIjoiZW1lYS0yIn0.c2lnbmF0dXJl";
const NOISE = "eyJ.=_-+/ {}[]\":,\\ab0\u00e9\u0000\t";

const JSON_KEYS: Array<string> = ["\"a\"", "\"sub\"", "\"\\u0061\"", "\"k\\\"q\""];
const JSON_SCALARS: Array<string> = ["1", "-0.5e2", "true", "false", "null", "\"\\u00e9\\ud83d\\ude00\"", "\"\\ud800x\"", "\"t\\n\\t\\u0001\"", "\"ü\""];

function mutate(s: string): string {
  let out = s;
  const edits = 1 + rnd(4);
  for (let k = 0; k < edits; k++) {
    const at = rnd(out.length + 1);
    const op = rnd(3);
    if (op == 0) out = out.substring(0, at) + pick(NOISE) + out.substring(at);
    else if (op == 1) out = out.substring(0, at) + out.substring(at + 1 + rnd(8));
    else out = out.substring(0, at);
  }
  return out;
}


describe("fuzz: never trap", () => {
  it("mutated §9 authorization headers through the §9 extractor", () => {
    const te = extractorOf(`      location: request
      header: Authorization
      extractor:
        - regex: "Bearer (\\\\S+)"
        - jwt_decode
        - metadata: { tenant: {json_path: "$.tid"}, sub_hash: [ {json_path: "$.sub"}, hash ] }
        - json_path: "$.sub"
`);
    let tokens = 0;
    for (let i = 0; i < 300; i++) {
      const r = extractToken(te, mutate(AUTH));
      if (r.token !== null) {
        tokens++;
        expect(r.token!.length).toBeGreaterThan(0);
      } else expect(r.metadata.length).toBe(0);
    }
    // mutations past the payload (signature, tail) keep the token: the loop saw both outcomes
    expect(tokens).toBeGreaterThan(0);
    expect(tokens).toBeLessThan(300);
  });

  it("random base64 and JWT-shaped text", () => {
    const alphabet = "ABCxyz019-_+/=.$ ";
    for (let i = 0; i < 600; i++) {
      let s = "";
      const n = rnd(24);
      for (let k = 0; k < n; k++) s += pick(alphabet);
      const b = decodeBase64Lenient(s);
      if (b !== null) expect(b.length).toBeLessThanOrEqual(s.length);
      jwtPayload(s);
    }
  });

  it("random JSON documents, valid and corrupted, through the reader and json_path", () => {
    const steps = [jsonPathStep("$.sub"), jsonPathStep("$..a"), jsonPathStep("$[*].*"), jsonPathStep("$")];
    let containers = 0, broken = 0;
    for (let i = 0; i < 400; i++) {
      let s = genJson(0);
      if (rnd(2) == 0) s = mutate(s);
      const doc = parseJsonText(s);
      if (doc === null) broken++;
      else if (doc.isContainer) {
        containers++;
        // a container re-rendered compact parses again to the same rendering
        const whole = runStep(steps[3], s);
        expect(whole).not.toBeNull();
        expect(runStep(steps[3], whole!)).toBe(whole);
      }
      for (let k = 0; k < steps.length; k++) runStep(steps[k], s);
    }
    expect(containers).toBeGreaterThan(50);
    expect(broken).toBeGreaterThan(50);
  });
});

function genJson(depth: i32): string {
  const k = depth > 4 ? 2 + rnd(4) : rnd(6);
  switch (k) {
    case 0: {
      const n = rnd(4);
      let s = "{ ";
      for (let i = 0; i < n; i++) s += (i ? ", " : "") + JSON_KEYS[rnd(JSON_KEYS.length)] + ":" + genJson(depth + 1);
      return s + "}";
    }
    case 1: {
      const n = rnd(4);
      let s = "[";
      for (let i = 0; i < n; i++) s += (i ? "," : "") + genJson(depth + 1);
      return s + " ]";
    }
    default: return JSON_SCALARS[rnd(JSON_SCALARS.length)];
  }
}

// Random tier-1 patterns over {a, b} (no capture groups, so search returns the whole match).
function genPattern(depth: i32): string {
  const k = depth > 3 ? rnd(2) : rnd(9);
  switch (k) {
    case 0: return "a";
    case 1: return pick("ab.");
    case 2: return genPattern(depth + 1) + genPattern(depth + 1);
    case 3: return "(?:" + genPattern(depth + 1) + "|" + genPattern(depth + 1) + ")";
    case 4: return "(?:" + genPattern(depth + 1) + ")" + pick("*+?") + (rnd(2) ? "?" : "");
    case 5: return "(?:" + genPattern(depth + 1) + "){" + rnd(2).toString() + "," + (2 + rnd(2)).toString() + "}";
    case 6: return pick("^$") ;
    case 7: return "\\b";
    default: return "[ab]";
  }
}

describe("fuzz: capture backtracker agrees with the engine", () => {
  it("whole match equals the PikeVM's leftmost-first match", () => {
    for (let i = 0; i < 150; i++) {
      const pat = genPattern(0);
      const pr = parse(pat);
      if (pr.error !== null) continue;
      const nfa = compileNfa(pr.hir!, false).nfa!;
      const vm = new PikeVM(nfa);
      const re = CaptureRegex.compile(pat);
      expect(re.ok).toBe(true);
      for (let t = 0; t < 4; t++) {
        let text = "";
        const n = rnd(8);
        for (let k = 0; k < n; k++) text += pick("ab ");
        const buf = String.UTF8.encode(text);
        const found = vm.find(changetype<usize>(buf), 0, buf.byteLength, 0);
        const want: string | null = found ? text.substring(vm.matchStart, vm.matchEnd) : null;
        const got = re.search(text);
        if (got != want) trace("pattern " + pat + " text '" + text + "' got " + (got === null ? "null" : got) + " want " + (want === null ? "null" : want));
        expect(got).toBe(want);
      }
    }
  });
});
