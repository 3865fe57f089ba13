// schema/policy.schema.json is the versioned contract editors use. Every example policy must
// validate, and the mistakes it exists to catch must not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { policyToJson } from "../../src/policy/yaml-model.ts";

const schema = JSON.parse(readFileSync(new URL("../../schema/policy.schema.json", import.meta.url), "utf8"));
const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(schema);

function check(source: string): string[] {
  const { value, errors } = policyToJson(source);
  if (errors.length) return errors;
  return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

test("the spec's worked example (§9) validates", (t) => {
  const spec = new URL("../../../shared/policy-spec.md", import.meta.url);
  if (!existsSync(spec)) return t.skip("../shared/policy-spec.md not present");
  const text = readFileSync(spec, "utf8");
  const section = text.slice(text.indexOf("## 9. Worked example"));
  const yamlBlock = /```yaml\n([\s\S]*?)```/.exec(section)![1];
  assert.deepEqual(check(yamlBlock), []);
});

test("every policy in examples/policies validates", () => {
  const dir = new URL("../../examples/policies/", import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith(".yaml"));
  assert.ok(files.length >= 5, `expected the ruleset library in examples/policies, found ${files.join(", ")}`);
  for (const file of files) assert.deepEqual(check(readFileSync(new URL(file, dir), "utf8")), [], file);
});

test("tag and map spellings validate alike", () => {
  const tagged = `categories:
  aba: { matchers: !internal routing_number, tag: banking }
  phone: [ { and: { internal: !national_phone DE } }, !regex "\\\\d+" ]
  pw_field: !raw_insensitive passwd
endpoints:
  - config:
      ssn: { action: !redact "#", contexts: [ !header x-ssn, values ] }
local_service_name: { ns: !env POD_NAMESPACE, workload: !attrs node.metadata.WORKLOAD_NAME }
`;
  assert.deepEqual(check(tagged), []);
  assert.deepEqual(check(`categories: { aba: { matchers: { internal: routing_number } } }`), []);
});

test("mistakes are flagged with where they are", () => {
  const bad: [string, RegExp][] = [
    ["categories: { x: [ { regexp: a } ] }", /\/categories\/x/],
    ["report_style: sha1", /\/report_style/],
    ["report_bits: 512", /\/report_bits/],
    ["categories: { x: !internal luhn }", /\/categories\/x/],
    ["endpoints: [ { config: { x: { action: !redact \"\u00e9\" } } } ]", /\/endpoints\/0\/config\/x/],
    ["endpoints: [ { config: { x: { search: everywhere } } } ]", /\/endpoints\/0\/config\/x/],
    ["sbac: { name: a, stage: later, filter: response_outbound }", /\/sbac/],
    ["rules: [ { name: r } ]", /\/rules\/0/],
    ["unknown_top_level: 1", /must NOT have additional properties/],
  ];
  for (const [source, where] of bad) {
    const errors = check(source);
    assert.ok(errors.length > 0, `accepted: ${source}`);
    assert.ok(errors.some((e) => where.test(e)), `${source}: ${errors.join("; ")}`);
  }
});
