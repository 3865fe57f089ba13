// `leakscope check` through the real module: it finds the configuration wherever the user
// keeps it and reports each problem at its line:column in the user's file.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { checkFile, formatReport } from "../../src/check/check.ts";

const fixture = (name: string): { file: string; source: string } => {
  const file = `tests/fixtures/check/${name}`;
  return { file, source: readFileSync(new URL(`../fixtures/check/${name}`, import.meta.url), "utf8") };
};

test("an Envoy config's StringValue block: problems at their lines in the Envoy file", async () => {
  const { file, source } = fixture("envoy-block.yaml");
  const [r] = await checkFile(file, source);
  assert.equal(r.kind, "envoy");
  assert.equal(r.ok, true);
  assert.deepEqual(r.findings.map((f) => `${f.line}:${f.column} ${f.severity}`), ["18:37 warning", "19:21 warning"]);
  assert.match(formatReport(r), /^tests\/fixtures\/check\/envoy-block\.yaml:18:37: warning: 'max_body_bytes' must be a whole number/m);
});

test("an Istio WasmPlugin's pluginConfig map", async () => {
  const { file, source } = fixture("istio-wasmplugin.yaml");
  const [r] = await checkFile(file, source);
  assert.equal(r.kind, "istio-wasmplugin");
  assert.deepEqual(r.findings.map((f) => [f.line, f.column, f.message]), [[11, 16, "'direction' must be auto, inbound or outbound; keeping the default"]]);
});

test("an Istio EnvoyFilter with a quoted JSON string: the problem is named inside the string", async () => {
  const { file, source } = fixture("istio-envoyfilter.yaml");
  const [r] = await checkFile(file, source);
  assert.equal(r.kind, "istio-envoyfilter");
  assert.equal(r.findings.length, 1);
  assert.equal(r.findings[0].line, undefined);
  assert.match(r.findings[0].where!, /^configuration string at 18:22 1:\d+$/);
});

test("a configuration the filter rejects fails the check, at the right line", async () => {
  const { file, source } = fixture("envoy-broken.yaml");
  const [r] = await checkFile(file, source);
  assert.equal(r.ok, false);
  assert.equal(r.findings[0].severity, "error");
  assert.equal(r.findings[0].line, 10);
});

test("the CLI exits 1 on a rejected file and 0 on good ones, with a summary line each", () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ["bin/leakscope.js", "check", ...args], { encoding: "utf8" });
  const good = run("examples/envoy/envoy.yaml", "examples/policies/default.yaml");
  assert.equal(good.status, 0, good.stderr);
  assert.match(good.stdout, /^examples\/envoy\/envoy\.yaml: OK \(envoy; 0 errors, 0 warnings\)/m);
  assert.match(good.stdout, /^examples\/policies\/default\.yaml: OK \(policy;/m);
  const bad = run("tests/fixtures/check/envoy-broken.yaml");
  assert.equal(bad.status, 1);
  assert.match(bad.stdout, /envoy-broken\.yaml:10:\d+: error: invalid YAML/);
  const nothing = run("package-lock.json");
  assert.equal(nothing.status, 1);
  assert.match(nothing.stderr, /no leakscope policy, plugin configuration/);
});

test("a bare policy: the first error at its line:column, exit 1; warnings at theirs", async () => {
  const fatal = fixture("policy-fatal.yaml");
  const [r] = await checkFile(fatal.file, fatal.source);
  assert.equal(r.kind, "policy");
  assert.equal(r.ok, false);
  const first = r.findings.find((f) => f.severity === "error")!;
  assert.deepEqual([first.line, first.column], [7, 14]);
  assert.match(first.message, /regex '\(\?P<area>\\d\{3\}-\\d\{2\}' cannot be compiled: .*unclosed group/);

  const warned = fixture("policy-warnings.yaml");
  const [w] = await checkFile(warned.file, warned.source);
  assert.equal(w.ok, true);
  assert.deepEqual(w.findings.map((f) => `${f.line}:${f.column}`), ["4:7", "5:9", "5:3", "9:22", "10:7"]);
  assert.match(w.summary, /policy loaded: 2 categories \(1 rule\), 1 endpoint \(0 config entries\), .*5 warnings/);
});

test("a local_policy block inside a plugin configuration maps to the file's lines", async () => {
  const { file, source } = fixture("plugin-config-string-policy.yaml");
  const [r] = await checkFile(file, source);
  assert.equal(r.kind, "plugin-configuration");
  assert.deepEqual(r.findings.map((f) => [f.line, f.column, f.severity]), [[7, 34, "warning"]]);
  assert.match(r.findings[0].message, /unknown action 'shout'/);
});
