import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { loadPolicyText, resolveEndpoint, Policy } from "../../../assembly/policy/index";
import { ContextKind } from "../../../assembly/pipeline/context-sink";
import { compilePolicy, CompiledPolicy } from "../../../assembly/matching/compiled-policy";
import { entryEmissions, resolveOverlaps } from "../../../assembly/matching/emissions";
import { Candidate, Part } from "../../../assembly/matching/candidate";
import { MatchConfig } from "../../../assembly/policy/match-config";

// correlate (§3.5) searches partners through a position order; these cases check it against
// the definition — every P against every S — on random spans in random list orders.

const POLICY = `
categories:
  s: [ {raw: s} ]
  prim:
    - raw: p
    - correlate: { interest: primary, max_distance: 7, matches: s }
  sec:
    - raw: p
    - correlate: { interest: secondary, max_distance: 7, matches: s }
  both:
    - raw: p
    - correlate: { interest: all, max_distance: 7, matches: s }
endpoints: [ { config: { s: {}, prim: {}, sec: {}, both: {} } } ]
`;

class Rng {
  constructor(private state: u32) {}
  next(n: i32): i32 {
    let x = this.state;
    x ^= x << 13; x ^= x >> 17; x ^= x << 5;
    this.state = x;
    return <i32>(x % <u32>n);
  }
}

function randomSpans(r: Rng, plan: i32, n: i32, letter: string): Array<Candidate> {
  const out = new Array<Candidate>();
  let at: i64 = 0;
  const sorted = r.next(2) == 0;
  for (let i = 0; i < n; i++) {
    const len = 1 + r.next(6);
    const start: i64 = sorted ? (at += <i64>r.next(12)) : <i64>r.next(120);
    const header = r.next(4) == 0;
    const context = header ? r.next(3) : 0;
    let text = "";
    for (let k = 0; k < len; k++) text += String.fromCharCode(0x61 + r.next(26));
    text = letter + text.substring(1);
    out.push(new Candidate(plan, context, ContextKind.Value, header ? Part.Header : Part.Body, header ? "h" + context.toString() : "",
      0, start, start + <i64>len, text, "", false, start));
  }
  return out;
}

function gapOf(a: Candidate, b: Candidate): i64 {
  if (a.part != b.part || (a.part == Part.Header && a.context != b.context)) return -1;
  const g = max(a.rawStart, b.rawStart) - min(a.rawEnd, b.rawEnd);
  return g > 0 ? g : 0;
}

/** §3.5 as written: every P against every S. */
function reference(interest: string, p: Array<Candidate>, s: Array<Candidate>, limit: i64): Array<Candidate> {
  const out = new Array<Candidate>();
  if (interest == "sec") {
    for (let j = 0; j < s.length; j++) {
      for (let i = 0; i < p.length; i++) {
        const g = gapOf(p[i], s[j]);
        if (g >= 0 && g <= limit) { out.push(s[j]); break; }
      }
    }
    return resolveOverlaps(out);
  }
  for (let i = 0; i < p.length; i++) {
    let best = -1;
    let bestGap: i64 = -1;
    for (let j = 0; j < s.length; j++) {
      const g = gapOf(p[i], s[j]);
      if (g < 0 || g > limit) continue;
      if (best < 0 || g < bestGap || (g == bestGap && s[j].rawStart < s[best].rawStart)) { best = j; bestGap = g; }
    }
    if (best < 0) continue;
    if (interest == "prim") { out.push(p[i]); continue; }
    const a = p[i], b = s[best];
    const first = a.rawStart <= b.rawStart ? a : b;
    const second = first === a ? b : a;
    let text: string;
    if (second.rawStart <= first.rawEnd && first.context == second.context) {
      text = second.rawEnd <= first.rawEnd ? first.text : first.text + second.text.substring(<i32>(first.rawEnd - second.rawStart));
    } else text = first.text + " " + second.text;
    out.push(new Candidate(a.plan, a.context, a.kind, a.part, a.header, 0, first.rawStart, max(first.rawEnd, second.rawEnd), text, "", false, first.rawStart));
  }
  return resolveOverlaps(out);
}

function render(list: Array<Candidate>): string {
  let s = "";
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    s += (c.part == Part.Header ? "h" + c.context.toString() : "b") + ":" + c.rawStart.toString() + "-" + c.rawEnd.toString() + "=" + c.text + " ";
  }
  return s;
}

describe("correlate", () => {
  it("pairs spans as the every-P-against-every-S definition does, whatever the list order", () => {
    const problems = new ConfigProblems();
    const policy: Policy = loadPolicyText(Uint8Array.wrap(String.UTF8.encode(POLICY)), problems, "")!;
    const compiled: CompiledPolicy = compilePolicy(policy);
    const effective = resolveEndpoint(policy, "svc.test", "/x");
    const sPlan = compiled.planIndex(policy.categories[0]);
    const r = new Rng(0x9e3779b9);
    let paired = 0;
    for (let round = 0; round < 300; round++) {
      const s = randomSpans(r, sPlan, r.next(30), "s");
      for (let e = 0; e < effective.entries.length; e++) {
        const config: MatchConfig = effective.entries[e].config;
        if (config.name == "s") continue;
        const plan = compiled.planIndex(config.category);
        const p = randomSpans(r, plan, r.next(30), "p");
        const all = new Array<Array<Candidate>>();
        for (let k = 0; k < compiled.plans.length; k++) all.push(k == plan ? p : k == sPlan ? s : []);
        const got = render(entryEmissions(compiled, config, all));
        expect(got).toBe(render(reference(config.name, p, s, 7)));
        if (got.length > 0) paired++;
      }
    }
    expect(paired).toBeGreaterThan(300); // the cases do pair spans, not only miss
  });
});
