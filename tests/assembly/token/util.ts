// Helpers shared by the token extraction specs.
import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { loadPolicyText } from "../../../assembly/policy/index";
import { TokenExtractor, ExtractorStep, StepKind } from "../../../assembly/policy/token-extractor";
import { parseTokenJsonPath } from "../../../assembly/policy/json-path";

/** The token extractor of a one-endpoint policy whose `token_extractor:` is `yaml` (indented 4). */
export function extractorOf(yaml: string): TokenExtractor {
  const problems = new ConfigProblems();
  const src = "categories: { a: x }\nendpoints:\n  - matches: '**'\n    token_extractor:\n" + yaml;
  const p = loadPolicyText(Uint8Array.wrap(String.UTF8.encode(src)), problems, "");
  if (problems.items.length > 0) trace("problems: " + problems.items[0].toString());
  expect(problems.items.length).toBe(0);
  return p!.endpoints[0].tokenExtractor!;
}

export function regexStep(source: string): ExtractorStep {
  const s = new ExtractorStep(StepKind.Regex);
  s.regex = source;
  return s;
}

export function jsonPathStep(path: string): ExtractorStep {
  const s = new ExtractorStep(StepKind.JsonPath);
  const p = parseTokenJsonPath(path);
  expect(p.error).toBe("");
  s.jsonPath = p;
  return s;
}

export function b64url(text: string): string {
  const bytes = Uint8Array.wrap(String.UTF8.encode(text));
  const A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const v = (<u32>bytes[i] << 16) | (<u32>bytes[i + 1] << 8) | <u32>bytes[i + 2];
    out += A.charAt(v >> 18) + A.charAt((v >> 12) & 63) + A.charAt((v >> 6) & 63) + A.charAt(v & 63);
  }
  const rest = bytes.length - i;
  if (rest == 1) { const v = <u32>bytes[i] << 16; out += A.charAt(v >> 18) + A.charAt((v >> 12) & 63); }
  if (rest == 2) { const v = (<u32>bytes[i] << 16) | (<u32>bytes[i + 1] << 8); out += A.charAt(v >> 18) + A.charAt((v >> 12) & 63) + A.charAt((v >> 6) & 63); }
  return out;
}
