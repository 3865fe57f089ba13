import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { loadPolicyText, resolveEndpoint, Policy } from "../../../assembly/policy/index";
import { ContextKind } from "../../../assembly/pipeline/context-sink";
import { compilePolicy, CompiledPolicy } from "../../../assembly/matching/compiled-policy";
import { MessageMatcher, MatcherLimits } from "../../../assembly/matching/message-matcher";
import { entryEmissions } from "../../../assembly/matching/emissions";
import { Candidate } from "../../../assembly/matching/candidate";

class Loaded {
  constructor(public policy: Policy, public compiled: CompiledPolicy) {}
}

function load(yaml: string): Loaded {
  const problems = new ConfigProblems();
  const policy = loadPolicyText(Uint8Array.wrap(String.UTF8.encode(yaml)), problems, "");
  if (policy === null) {
    for (let i = 0; i < problems.items.length; i++) trace(problems.items[i].toString());
  }
  expect(policy).not.toBeNull();
  const compiled = compilePolicy(policy!);
  for (let i = 0; i < compiled.problems.length; i++) trace(compiled.problems[i].message);
  return new Loaded(policy!, compiled);
}

/** Scans `text` as one text body in chunks of `chunk` bytes; returns "entry:text" per match. */
function scan(l: Loaded, text: string, chunk: i32 = 1 << 30, limits: MatcherLimits = new MatcherLimits()): Array<string> {
  const m = new MessageMatcher(l.compiled, limits);
  const effective = resolveEndpoint(l.policy, "svc.test", "/x");
  m.deactivateAll();
  for (let i = 0; i < effective.entries.length; i++) m.activate(l.compiled.planIndex(effective.entries[i].config.category));
  m.beginMessage();
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  m.beginContext(ContextKind.Value, 0, 0);
  for (let at = 0; at < bytes.length; at += chunk) {
    const n = min(chunk, bytes.length - at);
    m.contextBytes(bytes.dataStart + <usize>at, n, <i64>at, n);
  }
  m.endContext(<i64>bytes.length);
  const out = new Array<string>();
  for (let i = 0; i < effective.entries.length; i++) {
    const config = effective.entries[i].config;
    const found: Array<Candidate> = entryEmissions(l.compiled, config, m.candidates);
    for (let k = 0; k < found.length; k++) out.push(config.name + ":" + found[k].text + "@" + found[k].rawStart.toString());
  }
  return out;
}

const SPEC_LIKE = `
categories:
  email:
    - regex: "\\\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\\\.[A-Za-z0-9-]+)*\\\\.[A-Za-z]{2,}\\\\b"
    - except: noreply@orbitbank.test
    - except_regex: "(?i)postmaster@.*"
  card: { matchers: !internal credit_card, tag: pci }
  aba:
    - regex: "\\\\b\\\\d{9}\\\\b"
    - and: !internal routing_number
  tax_labeled:
    - regex: "\\\\b\\\\d{9}\\\\b"
    - correlate:
        max_distance: 24
        matches: [ {raw_insensitive: taxpayer} ]
  us_phone:
    - regex: "\\\\(?\\\\b[2-9]\\\\d{2}\\\\)?[ .-]?\\\\d{3}[ .-]\\\\d{4}\\\\b"
    - and: [ {internal: !national_phone US} ]
  word: [ {raw_insensitive: secret} ]
endpoints:
  - matches: "**"
    config: { email: {}, card: {}, aba: {}, tax_labeled: {}, us_phone: {}, word: {} }
`;

describe("matching a context", () => {
  it("finds, validates and filters candidates as the spec's rules say", () => {
    const l = load(SPEC_LIKE);
    const text = "mail ada.quint@orbitbank.test or noreply@orbitbank.test or POSTMASTER@x.com; " +
      "card 4111 1111 1111 1111, not 4111 1111 1111 1112; aba 021000021 and 912345678; " +
      "..................................taxpayer ref 912345678 on file; call (415) 555-0132 not (911) 555-0132; a Secret and SECRET.";
    const found = scan(l, text);
    expect(found.join("|")).toBe([
      "email:ada.quint@orbitbank.test@5",
      "card:4111 1111 1111 1111@82",
      "aba:021000021@132",
      "tax_labeled:912345678@204",
      "us_phone:(415) 555-0132@228",
      "word:Secret@265",
      "word:SECRET@276",
    ].join("|"));
  });

  it("gives the same matches for every chunk size", () => {
    const l = load(SPEC_LIKE);
    const text = "x 4111-1111-1111-1111 y ada@example.com taxpayer 021000021 (212) 555-0100 secret";
    const whole = scan(l, text).join("|");
    for (let chunk = 1; chunk <= 12; chunk++) expect(scan(l, text, chunk).join("|")).toBe(whole);
  });

  it("shows the candidates of a context still open after catchUp (enforcement reads them mid-body)", () => {
    const l = load(SPEC_LIKE);
    const m = new MessageMatcher(l.compiled);
    const effective = resolveEndpoint(l.policy, "svc.test", "/x");
    m.deactivateAll();
    for (let i = 0; i < effective.entries.length; i++) m.activate(l.compiled.planIndex(effective.entries[i].config.category));
    m.beginMessage();
    const word = l.compiled.planIndex(l.policy.categories[l.policy.categories.length - 1]);
    const bytes = Uint8Array.wrap(String.UTF8.encode("a secret here, "));
    m.beginContext(ContextKind.Value, 0, 0);
    m.contextBytes(bytes.dataStart, bytes.length, 0, bytes.length);
    m.catchUp();
    expect(m.candidates[word].length).toBe(1);
    m.contextBytes(bytes.dataStart, bytes.length, <i64>bytes.length, bytes.length);
    m.endContext(<i64>(2 * bytes.length));
    expect(m.candidates[word].length).toBe(2);
    expect(m.candidates[word][1].rawStart).toBe(<i64>(bytes.length + 2));
  });

  it("finds tier-2 matches (backreferences, lookaround) in whole and in streamed contexts", () => {
    const l = load(`
categories:
  twice: [ {regex: "\\\\b(\\\\w+)-\\\\1\\\\b"} ]
  priced: [ {regex: "\\\\d+(?= EUR)"} ]
endpoints: [ { config: { twice: {}, priced: {} } } ]
`);
    // longer than the 32-byte buffer of a 16-byte window: with it, the context streams through
    // the scanner run by run (tier-2 matches come at the context's end, so they sit in its tail)
    const text = "abc-abd " + "x".repeat(32) + " ab-ab, 1 EUR";
    const whole = scan(l, text).join("|");
    expect(whole).toBe("twice:ab-ab@41|priced:1@48");
    for (let chunk = 1; chunk <= 9; chunk += 4) expect(scan(l, text, chunk).join("|")).toBe(whole);
    const limits = new MatcherLimits();
    limits.windowBytes = 16;
    for (let chunk = 1; chunk <= 41; chunk += 8) expect(scan(l, text, chunk, limits).join("|")).toBe(whole);
  });

  it("rejects numeric candidates touching digits", () => {
    const l = load(SPEC_LIKE);
    expect(scan(l, "41111111111111111111 1021000021").length).toBe(0);
  });

  it("resolves overlaps within a category: longest at the same start wins", () => {
    const l = load(`
categories:
  k: [ {raw: abc}, {raw: abcdef}, {raw: cde} ]
endpoints: [ { config: { k: {} } } ]
`);
    expect(scan(l, "abcdefg abc").join("|")).toBe("k:abcdef@0|k:abc@8");
  });

  it("runs internal hash, error_text and sql matchers", () => {
    const l = load(`
categories:
  h: [ {internal: {hash: [bcrypt, mysql141]}} ]
  e: [ {internal: {error_text: [py_error]}} ]
  s: !internal sql
endpoints: [ { config: { h: {}, e: {}, s: {} } } ]
`);
    const found = scan(l, "pw=$2b$12$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0 x *0123456789ABCDEF0123456789ABCDEF01234567\nTraceback (most recent call last):\nq: select id, name from users where 1=1; ok");
    expect(found.join("|")).toBe([
      "h:$2b$12$abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0@3",
      "h:*0123456789ABCDEF0123456789ABCDEF01234567@66",
      "e:Traceback (most recent call last):@108",
      "s:select id, name from users where 1=1@146",
    ].join("|"));
  });
});
