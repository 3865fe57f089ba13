// Timers with the manual clock, WASI, header-pair encoding (random round trips), shared data.
import assert from "node:assert/strict";
import { test } from "node:test";
import { loadPlugin, ManualClock } from "../../src/index.ts";
import { HeaderMap } from "../../src/host/header-map.ts";
import { decodePairs, encodePairs } from "../../src/host/pairs.ts";
import { SharedState } from "../../src/host/shared-data.ts";
import { loadRecorder } from "./helpers.ts";
import { compileWat, fixture } from "./wat.ts";

test("tick timers: first tick one period after set, re-armed after each tick, per worker, not on the canary", async () => {
  const clock = new ManualClock();
  const p = await loadRecorder("0000-T", { clock, workers: 2 });
  const ticks = () => p.logs.filter((l) => l.message.startsWith("on_tick")).map((l) => `${l.vm}@${l.timeMs - Date.UTC(2026, 0, 1)}`);
  p.tick(999);
  assert.deepEqual(ticks(), []);
  p.tick(1);
  assert.deepEqual(ticks(), ["worker-0@1000", "worker-1@1000"]);
  p.tick(2500);
  assert.deepEqual(ticks().slice(2), ["worker-0@2000", "worker-1@2000", "worker-0@3000", "worker-1@3000"]);
  p.close();
  p.tick(5000);
  assert.equal(ticks().length, 6, "close() stops the timers");
});

test("WASI: stdout/stderr become info/error log lines, environ from env, clock from the host clock, proc_exit returns", async () => {
  const clock = new ManualClock(Date.UTC(2030, 0, 1));
  const p = await loadPlugin({ wasm: await fixture("wasi"), env: { MODE: "prod" }, clock });
  const worker = p.logs.filter((l) => l.vm === "worker-0");
  assert.deepEqual(worker.map((l) => `${l.levelName} ${l.message}`), [
    "info hello stdout",
    "info stdout result 0 13",
    "error oops on stderr",
    "info bad fd 8",
    "info environ sizes 1 10",
    "info environ[0]=MODE=prod",
    `info clock 0 ${Date.UTC(2030, 0, 1) / 1000}`,
    "info after proc_exit",
  ]);
  p.close();
});

test("pair encoding round-trips random maps; malformed buffers decode to an empty list", () => {
  let seed = 42;
  const rnd = (n: number) => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
  const word = () => Array.from({ length: rnd(12) }, () => String.fromCharCode(97 + rnd(26))).join("");
  for (let i = 0; i < 200; i++) {
    const pairs: [string, string][] = Array.from({ length: rnd(8) }, () => [word(), word()]);
    const enc = encodePairs(pairs);
    assert.deepEqual(decodePairs(enc), pairs);
    if (enc.length > 4) {
      const cut = enc.subarray(0, 4 + rnd(enc.length - 4));
      if (cut.length < enc.length) assert.deepEqual(decodePairs(cut), [], "truncated buffer");
      assert.deepEqual(decodePairs(Buffer.concat([enc, Buffer.from([0])])), [], "trailing bytes");
    }
  }
  const one = encodePairs([["k", "v"]]);
  one[one.length - 1] = 1; // missing NUL terminator
  assert.deepEqual(decodePairs(one), []);
  const many = Buffer.alloc(4); many.writeUInt32LE(1025);
  assert.deepEqual(decodePairs(many), [], "over 1024 pairs");
});

test("header maps: lower-cased keys, replace keeps one entry, byte size", () => {
  const m = new HeaderMap([["X-A", "1"], ["x-a", "2"], ["b", "3"]]);
  assert.equal(m.get("X-A"), "1");
  assert.equal(m.joined("x-a"), "1,2");
  m.replace("X-A", "9");
  assert.deepEqual(m.list(), [["x-a", "9"], ["b", "3"]]);
  assert.equal(m.byteSize(), 6);
});

test("shared data: CAS semantics", () => {
  const s = new SharedState();
  assert.equal(s.set("vm", "k", Buffer.from("a"), 0), 0);
  const cas = s.get("vm", "k")!.cas;
  assert.equal(s.set("vm", "k", Buffer.from("b"), cas + 1), 8, "CasMismatch");
  assert.equal(s.set("vm", "k", Buffer.from("b"), cas), 0);
  assert.equal(s.get("vm", "k")!.value.toString(), "b");
  assert.equal(s.get("other", "k"), undefined, "keyed by vm_id");
});

test("the plugin configuration is readable only during proxy_on_configure; the VM configuration always", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    (import "env" "proxy_get_buffer_bytes" (func $get_buffer (param i32 i32 i32 i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_0_2_1"))
    (func $probe (param $where i32) (param $wlen i32)
      (call $log_call (local.get $where) (local.get $wlen)
        (call $get_buffer (i32.const 7) (i32.const 0) (i32.const 100) (i32.const 1024) (i32.const 1028))
        (call $get_buffer (i32.const 6) (i32.const 0) (i32.const 100) (i32.const 1024) (i32.const 1028))
        (i32.const 0) (i32.const 2)))
    (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (call $probe (str "vm_start")) (i32.const 1))
    (func (export "proxy_on_configure") (param i32 i32) (result i32) (call $probe (str "configure")) (i32.const 1))
    (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (call $probe (str "request_headers")) (i32.const 0)))`);
  const p = await loadPlugin({ wasm, configuration: "cfg", vmConfiguration: "vm" });
  await p.exchange({ request: { headers: [[":method", "GET"], [":path", "/"], [":authority", "a"]] }, response: { headers: [[":status", "200"]] } });
  // NotFound (1) for buffer 7 outside proxy_on_configure; Ok (0) for buffer 6 everywhere.
  assert.deepEqual(p.logs.filter((l) => l.vm === "worker-0").map((l) => l.message), ["vm_start 1 0", "configure 0 0", "request_headers 1 0"]);
  p.close();
});

test("xds.node properties: the Node message, and drilling into id and metadata", async () => {
  const p = await loadRecorder("0000--", { xds: { node: { id: "sidecar~10.0.0.1~pod.ns", cluster: "shop", metadata: { REGION: "eu-west-1", LABELS: { app: "shop" }, REPLICAS: 3 } }, clusterName: "outbound|80||shop" } });
  const s = p.newStream();
  s.requestHeaders([[":method", "GET"], [":path", "/"], [":authority", "a"]], true);
  assert.equal(s.getProperty(["xds", "node", "id"])!.toString(), "sidecar~10.0.0.1~pod.ns");
  assert.equal(s.getProperty(["xds", "node", "metadata", "REGION"])!.toString(), "eu-west-1");
  assert.deepEqual(decodePairs(s.getProperty(["xds", "node", "metadata", "LABELS"])!), [["app", "shop"]]);
  assert.equal(s.getProperty(["xds", "node", "metadata", "REPLICAS"])!.readDoubleLE(), 3);
  assert.equal(s.getProperty(["xds", "cluster_name"])!.toString(), "outbound|80||shop");
  const node = s.getProperty(["xds", "node"])!;
  assert.equal(node[0], 0x0a, "field 1 (id), length-delimited");
  assert.equal(node.subarray(2, 2 + node[1]!).toString(), "sidecar~10.0.0.1~pod.ns");
  assert.equal(s.getProperty(["node", "id"])!.toString(), "sidecar~10.0.0.1~pod.ns", "Envoy <= 1.32 still has the top-level node property");
  s.end();
  p.close();
});

test("shared queues: enqueue posts proxy_on_queue_ready to the registrant's root context asynchronously", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    (import "env" "proxy_register_shared_queue" (func $register (param i32 i32 i32) (result i32)))
    (import "env" "proxy_enqueue_shared_queue" (func $enqueue (param i32 i32 i32) (result i32)))
    (import "env" "proxy_dequeue_shared_queue" (func $dequeue (param i32 i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "proxy_on_configure") (param $root i32) (param i32) (result i32)
      (drop (call $register (str "events") (i32.const 1032)))
      (drop (call $enqueue (i32.load (i32.const 1032)) (str "hello")))
      (call $log_call (str "enqueued") (i32.load (i32.const 1032)) (i32.const 0) (i32.const 0) (i32.const 1))
      (i32.const 1))
    (func (export "proxy_on_queue_ready") (param $root i32) (param $token i32)
      (call $log_call (str "on_queue_ready") (local.get $root) (i32.const 0) (i32.const 0) (i32.const 1))
      (call $log_call (str "dequeue") (call $dequeue (local.get $token) (i32.const 1024) (i32.const 1028)) (i32.const 0) (i32.const 0) (i32.const 1))
      (call $log_out (str "item="))
      (call $log_call (str "dequeue again") (call $dequeue (local.get $token) (i32.const 1024) (i32.const 1028)) (i32.const 0) (i32.const 0) (i32.const 1))))`);
  const p = await loadPlugin({ wasm, vmId: "queue-test", sharedState: new SharedState() });
  const worker = () => p.logs.filter((l) => l.vm === "worker-0").map((l) => l.message);
  assert.deepEqual(worker(), ["enqueued 1"], "never delivered inline");
  await p.settle();
  // The canary registered and enqueued too (its notification was dropped with the canary): the
  // queue is process-wide, so the worker finds two items.
  assert.deepEqual(worker(), ["enqueued 1", "on_queue_ready 1", "dequeue 0", "item=hello", "dequeue again 0"]);
  assert.ok(p.logs.every((l) => !(l.vm.startsWith("canary") && l.message.startsWith("on_queue_ready"))));
  p.close();
});

test("proxy_set_property stores filter state on the stream (NotFound in a root context)", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))
    (import "env" "proxy_set_property" (func $set_property (param i32 i32 i32 i32) (result i32)))
    (import "env" "proxy_get_property" (func $get_property (param i32 i32 i32 i32) (result i32)))
    ;;@prelude
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "proxy_on_configure") (param i32 i32) (result i32)
      (call $log_call (str "root set") (call $set_property (str "verdict") (str "x")) (i32.const 0) (i32.const 0) (i32.const 1))
      (i32.const 1))
    (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
      (call $log_call (str "stream set") (call $set_property (str "verdict") (str "leak:ssn")) (i32.const 0) (i32.const 0) (i32.const 1))
      (call $log_call (str "get") (call $get_property (str "verdict") (i32.const 1024) (i32.const 1028)) (i32.const 0) (i32.const 0) (i32.const 1))
      (call $log_out (str "verdict="))
      (call $log_call (str "get unknown") (call $get_property (str "nothing") (i32.const 1024) (i32.const 1028)) (i32.const 0) (i32.const 0) (i32.const 1))
      (i32.const 0)))`);
  const p = await loadPlugin({ wasm });
  const s = p.newStream();
  s.requestHeaders([[":method", "GET"], [":path", "/"], [":authority", "a"]], true);
  assert.deepEqual(p.logs.filter((l) => l.vm === "worker-0").map((l) => l.message), ["root set 1", "stream set 0", "get 0", "verdict=leak:ssn", "get unknown 1"]);
  assert.equal(s.getProperty(["verdict"])!.toString(), "leak:ssn");
  s.end();
  p.close();
});
