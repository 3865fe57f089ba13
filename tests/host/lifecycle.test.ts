// Envoy's call order: root sequence per VM (canary + workers), per-stream callbacks, on_log before
// on_done before on_delete, reconfiguration through a canary.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ConfigureError, loadPlugin } from "../../src/index.ts";
import { compileWat } from "./wat.ts";
import { b, GET, loadRecorder, moduleLog, OK, POST } from "./helpers.ts";

test("root sequence runs on the canary and on each worker; stream callbacks follow Envoy's order", async () => {
  const p = await loadRecorder("0000--", { workers: 2 });
  const boot = p.logs.map((r) => `${r.vm}: ${r.message}`);
  assert.deepEqual(boot.filter((l) => /on_(context_create|vm_start|configure)/.test(l)), [
    "canary-1: on_context_create 1 0", "canary-1: on_vm_start 1 0", "canary-1: on_configure 1 6",
    "worker-0: on_context_create 1 0", "worker-0: on_vm_start 1 0", "worker-0: on_configure 1 6",
    "worker-1: on_context_create 1 0", "worker-1: on_vm_start 1 0", "worker-1: on_configure 1 6",
  ]);
  const start = p.logs.length;
  await p.exchange({
    request: { headers: POST, body: [b("ab"), b("cd")], trailers: [["x-checksum", "1"]] },
    response: { headers: OK, body: [b("hello")], trailers: [["grpc-status", "0"]] },
  });
  assert.deepEqual(moduleLog(p, start), [
    "on_context_create 2 1",
    "on_request_headers 2 5 0",
    "on_request_body 2 2 0",
    "on_request_body 2 2 0",
    "on_request_trailers 2 1",
    "on_response_headers 2 2 0",
    "request :path lookup 2",
    "on_response_body 2 5 0",
    "on_response_trailers 2 1",
    "on_log 2",
    "on_done 2",
    "on_delete 2",
  ]);
  // Round robin: the next stream runs on worker-1, whose context counter is separate.
  const second = p.logs.length;
  await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(p.logs[second]!.vm, "worker-1");
  assert.deepEqual(moduleLog(p, second).slice(0, 2), ["on_context_create 2 1", "on_request_headers 2 4 1"]);
  p.close();
});

test("log lines have Envoy's shape and prefixes; the level filter applies", async () => {
  const p = await loadRecorder("0000--", { name: "my_plugin", rootId: "my_root", vmId: "vm1" });
  const root = p.logs.find((r) => r.message.startsWith("on_vm_start"))!;
  assert.match(root.line, /^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}\]\[info\]\[wasm\] wasm log my_root vm1: on_vm_start 1 0$/);
  const start = p.logs.length;
  await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.match(p.logs[start]!.line, /\[info\]\[wasm\] wasm log my_plugin my_root vm1: on_context_create 2 1$/);
  p.close();
  const quiet = await loadRecorder("0000--", { logLevel: "warn" });
  assert.equal(quiet.logs.filter((r) => r.source === "wasm").length, 0);
  quiet.close();
});

test("a failing on_configure rejects the plugin with a ConfigureError", async () => {
  await assert.rejects(loadRecorder("0000-F", { logLevel: "off" }), (e: unknown) => {
    assert.ok(e instanceof ConfigureError);
    assert.match(e.message, /Unable to create Wasm HTTP filter leakscope: proxy_on_configure\(1\) returned false/);
    return true;
  });
});

test("reconfigure runs a canary first: a rejected update keeps the previous configuration", async () => {
  const p = await loadRecorder("0000--");
  assert.equal(p.reconfigure("0000-F"), false);
  assert.match(p.logs.at(-1)!.message, /configuration update rejected, previous configuration stays active/);
  let r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(r.localReply, undefined);
  // An accepted update: the worker gets a new root context (id 3 after stream 2) with the full
  // sequence, and the old root context is done and deleted.
  const start = p.logs.length;
  assert.equal(p.reconfigure("0000L-"), true);
  const lines = p.logs.slice(start).map((l) => `${l.vm}: ${l.message}`);
  assert.ok(lines.includes("canary-3: on_configure 1 6"));
  assert.deepEqual(lines.filter((l) => l.startsWith("worker-0")), [
    "worker-0: on_context_create 3 0", "worker-0: on_vm_start 3 0", "worker-0: on_configure 3 6",
    "worker-0: metric ids 12 9 10", "worker-0: on_done 1", "worker-0: on_delete 1",
  ]);
  r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(r.localReply?.status, 403);
  assert.equal(p.workerStates[0]!.rootContextId, 3);
  p.close();
});

test("close() stops root contexts: on_done then on_delete", async () => {
  const p = await loadRecorder("0000--");
  const start = p.logs.length;
  p.close();
  assert.deepEqual(moduleLog(p, start), ["on_done 1", "on_delete 1"]);
});

test("ConfigureError quotes the module's error logs, even with logging off", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "proxy_on_configure") (param i32 i32) (result i32)
      (drop (call $proxy_log (i32.const 4) (str "invalid configuration at 1:3: expected a mapping")))
      (i32.const 0)))`);
  await assert.rejects(loadPlugin({ wasm, logLevel: "off" }), (e: unknown) => {
    assert.ok(e instanceof ConfigureError);
    assert.deepEqual(e.logs, ["[error] invalid configuration at 1:3: expected a mapping"]);
    assert.match(e.message, /proxy_on_configure\(1\) returned false[\s\S]*invalid configuration at 1:3: expected a mapping/);
    return true;
  });
});

test("start functions: _initialize then main(0, 0); __main_void only on the latest cpp-host", async () => {
  const src = (mainExport: string) => `(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "_initialize") (drop (call $proxy_log (i32.const 2) (str "_initialize"))))
    ${mainExport})`;
  const withMain = await loadPlugin({ wasm: await compileWat(src(`(func (export "main") (param i32 i32) (result i32) (drop (call $proxy_log (i32.const 2) (str "main"))) (i32.const 0))`)) });
  assert.deepEqual(withMain.logs.filter((l) => l.vm === "worker-0").map((l) => l.message), ["_initialize", "main"]);
  withMain.close();
  const mainVoid = await compileWat(src(`(func (export "__main_void") (result i32) (drop (call $proxy_log (i32.const 2) (str "__main_void"))) (i32.const 0))`));
  const old = await loadPlugin({ wasm: mainVoid, envoyVersion: "1.33" });
  assert.deepEqual(old.logs.filter((l) => l.vm === "worker-0").map((l) => l.message), ["_initialize"]);
  old.close();
  const latest = await loadPlugin({ wasm: mainVoid, envoyVersion: "latest" });
  assert.deepEqual(latest.logs.filter((l) => l.vm === "worker-0").map((l) => l.message), ["_initialize", "__main_void"]);
  latest.close();
  await assert.rejects(loadPlugin({ wasm: await compileWat(src(`(func (export "main") (result i32) (i32.const 0))`)) }),
    /Bad function signature for: main, want: i32 i32 -> i32, but the module exports: void -> i32/);
});
