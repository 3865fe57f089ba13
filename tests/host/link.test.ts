// Envoy refuses these modules; the host must refuse them too, naming the culprit in Envoy's words.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigureError, LinkError, linkModule, loadPlugin } from "../../src/index.ts";
import { compileWat, fixture, fixtureSource } from "./wat.ts";

async function refusal(wasm: Uint8Array, options: Parameters<typeof loadPlugin>[0] = {}): Promise<LinkError> {
  try {
    await loadPlugin({ ...options, wasm, logLevel: "off" });
  } catch (e) {
    assert.ok(e instanceof LinkError, `expected LinkError, got ${String(e)}`);
    return e;
  }
  assert.fail("the module was accepted");
}

test("an env.seed import is a missing import", async () => {
  const e = await refusal(await fixture("refuse-env-seed"));
  assert.match(e.message, /Failed to load Wasm module due to a missing import: env\.seed/);
  assert.equal(e.problems.length, 1);
});

test("a 10-parameter proxy_grpc_call is an import type mismatch", async () => {
  const e = await refusal(await fixture("refuse-grpc-call-10"));
  assert.equal(e.problems[0], "Failed to load Wasm module due to an import type mismatch: env.proxy_grpc_call, want: i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 -> i32, but host exports: i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 -> i32");
});

test("a module without malloc or proxy_on_memory_allocate is refused", async () => {
  const e = await refusal(await fixture("refuse-no-malloc"));
  assert.match(e.message, /Wasm module is missing malloc function\./);
});

test("a module without an ABI marker is refused", async () => {
  const e = await refusal(await fixture("refuse-no-abi-marker"));
  assert.match(e.message, /Missing or unknown Proxy-Wasm ABI version/);
});

test("a known callback with the wrong signature is refused", async () => {
  const e = await refusal(await fixture("refuse-bad-callback"));
  assert.match(e.message, /Bad function signature for: proxy_on_context_create, want: i32 i32 -> void, but the module exports: i32 i32 -> i32/);
});

test("a forbidden host call during _initialize fails with restricted_callback", async () => {
  const e = await refusal(await fixture("refuse-init-define-metric"));
  assert.match(e.message, /Failed to initialize Wasm code: Function: _initialize failed: restricted_callback: env\.proxy_define_metric is not allowed during _initialize/);
});

test("proxy_log is allowed during _initialize", async () => {
  const src = fixtureSource("refuse-init-define-metric").replace(/\(drop \(call \$define_metric[^\n]*\n?/, ")");
  const logs: string[] = [];
  const p = await loadPlugin({ wasm: await compileWat(src), onLog: (r) => logs.push(r.line) });
  // base VM + canary + one worker each run _initialize; the VM context has no log prefix.
  assert.equal(logs.filter((l) => l.endsWith("[wasm] wasm log: initializing")).length, 3);
  p.close();
});

test("a host call from the wasm start section fails instantiation", async () => {
  const e = await refusal(await fixture("refuse-start-section"));
  assert.match(e.message, /Failed to create new Wasm instance: the wasm start section \(function \d+\) trapped: host call env\.proxy_log from the wasm start section/);
});

test("a global import is reported as a missing import", async () => {
  const e = await refusal(await fixture("refuse-global-import"));
  assert.match(e.message, /missing import: env\.__stack_pointer \(a global import/);
});

test("the WASI set depends on the target Envoy version", async () => {
  const wasm = await fixture("wasi-sched-yield");
  const e = await refusal(wasm, { envoyVersion: "1.28" });
  assert.match(e.message, /missing import: wasi_snapshot_preview1\.sched_yield \(not provided by Envoy 1\.28/);
  assert.equal(linkModule(wasm, "1.33").abi, "0.2.1");
  assert.equal(linkModule(wasm, "latest").abi, "0.2.1");
});

test("ABI-specific imports exist only for their ABI version", async () => {
  const src = fixtureSource("abi-010-continue");
  const v010 = await compileWat(src.replace("MARKER", "0_1_0"));
  assert.equal(linkModule(v010, "1.28").abi, "0.1.0");
  const v021 = await compileWat(src.replace("MARKER", "0_2_1"));
  assert.throws(() => linkModule(v021, "1.28"), /missing import: env\.proxy_continue_request \(not provided by Envoy 1\.28 for ABI 0\.2\.1\)/);
});

test("callback signatures follow the ABI version (on_request_headers has 2 params in 0.1.0)", async () => {
  const mod = (marker: string, params: string) => compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_${marker}"))
    (func (export "proxy_on_request_headers") (param ${params}) (result i32) (i32.const 0)))`);
  assert.equal(linkModule(await mod("0_1_0", "i32 i32"), "1.28").abi, "0.1.0");
  const bad = await mod("0_2_1", "i32 i32");
  assert.throws(() => linkModule(bad, "1.28"), /Bad function signature for: proxy_on_request_headers, want: i32 i32 i32 -> i32, but the module exports: i32 i32 -> i32/);
});

test("an allocator that makes a forbidden host call fails the VM and the configuration", async () => {
  await assert.rejects(loadPlugin({ wasm: await fixture("malloc-restricted"), logLevel: "off" }), (e: unknown) => {
    assert.ok(e instanceof ConfigureError);
    assert.match(e.message, /Function: proxy_on_configure failed: restricted_callback: env\.proxy_get_property is not allowed during malloc/);
    return true;
  });
});

test("the real filter links for Envoy 1.28 and configures with an empty configuration", async () => {
  const p = await loadPlugin({ configuration: "", logLevel: "off" });
  assert.ok(["0.2.0", "0.2.1"].includes(p.plan.abi));
  assert.equal(p.plan.hasStartSection, false, "the filter must be built with --exportStart _initialize");
  assert.deepEqual(p.workerStates.map((w) => w.failure), [null]);
  p.close();
});
