// The memory protocol: bounds checks (InvalidMemoryAccess 6), zero-length results without malloc,
// memory growth inside malloc, and restrictions that differ per Envoy version.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LinkError, loadPlugin } from "../../src/index.ts";
import { loadRecorder, OK, POST } from "./helpers.ts";
import { compileWat } from "./wat.ts";

test("bounds checks and zero-length results", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    (import "env" "proxy_get_property" (func $get_property (param i32 i32 i32 i32) (result i32)))
    (import "env" "proxy_get_buffer_bytes" (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
    (global $mallocs (mut i32) (i32.const 0))
    (memory (export "memory") 2)
    (global $heap (mut i32) (i32.const 49152))
    (global $line (mut i32) (i32.const 2048))
    (func (export "malloc") (param $n i32) (result i32)
      (local $p i32)
      (global.set $mallocs (i32.add (global.get $mallocs) (i32.const 1)))
      (local.set $p (global.get $heap))
      (global.set $heap (i32.add (global.get $heap) (local.get $n)))
      (local.get $p))
    (func (export "proxy_abi_version_0_2_1"))
    (func $num (param $v i32) (i32.store8 (global.get $line) (i32.add (i32.const 48) (local.get $v))) (global.set $line (i32.add (global.get $line) (i32.const 1))))
    (func (export "proxy_on_vm_start") (param i32 i32) (result i32)
      (i32.store (i32.const 1024) (i32.const 77)) (i32.store (i32.const 1028) (i32.const 77))
      ;; empty value: Ok, ptr=0, size=0, no malloc
      (call $num (call $get_property (str "plugin_vm_id") (i32.const 1024) (i32.const 1028)))
      (call $num (i32.load (i32.const 1024))) (call $num (i32.load (i32.const 1028))) (call $num (global.get $mallocs))
      ;; non-empty value: one malloc
      (call $num (call $get_property (str "plugin_root_id") (i32.const 1024) (i32.const 1028))) (call $num (global.get $mallocs))
      ;; out-params out of bounds / message out of bounds
      (call $num (call $get_property (str "plugin_root_id") (i32.const 131070) (i32.const 1028)))
      (call $num (call $proxy_log (i32.const 2) (i32.const 131000) (i32.const 1000)))
      ;; empty VM configuration
      (call $num (call $get_buffer (i32.const 6) (i32.const 0) (i32.const 10) (i32.const 1024) (i32.const 1028)))
      (call $num (i32.load (i32.const 1028)))
      ;; buffer type > 8
      (call $num (call $get_buffer (i32.const 9) (i32.const 0) (i32.const 10) (i32.const 1024) (i32.const 1028)))
      (drop (call $proxy_log (i32.const 2) (i32.const 2048) (i32.sub (global.get $line) (i32.const 2048))))
      (i32.const 1)))`);
  const p = await loadPlugin({ wasm });
  assert.deepEqual(p.logs.filter((l) => l.vm === "worker-0").map((l) => l.message), ["00000166002"]);
  p.close();
});

test("a large buffered body grows memory inside malloc; the host re-reads the memory", async () => {
  const p = await loadRecorder("0100--");
  const big = Buffer.alloc(300 * 1024, 0x61);
  const r = await p.exchange({ request: { headers: POST, body: [big.subarray(0, 150 * 1024), big.subarray(150 * 1024)] }, response: { headers: OK } });
  assert.ok(r.logs.some((l) => l.message === `on_request_body 2 ${big.length} 1`));
  assert.ok(r.logs.some((l) => l.message === `request body: ${"a".repeat(1024)}`));
  assert.equal(r.upstreamRequest!.body.length, big.length);
  p.close();
});

test("start-time restrictions differ per Envoy version (fd_fdstat_get allowed from 1.33)", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fdstat (param i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "_initialize") (drop (call $fdstat (i32.const 1) (i32.const 1100)))))`);
  await assert.rejects(loadPlugin({ wasm, envoyVersion: "1.28", logLevel: "off" }), (e: unknown) =>
    e instanceof LinkError && /restricted_callback: wasi_snapshot_preview1\.fd_fdstat_get is not allowed during _initialize \(Envoy 1\.28/.test(e.message));
  const p = await loadPlugin({ wasm, envoyVersion: "1.33", logLevel: "off" });
  p.close();
});
