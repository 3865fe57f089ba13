// A trap fails that VM: the current stream gets a 503 (wasm_fail_stream) and later streams follow
// the failure policy. Other workers keep running.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ManualClock } from "../../src/index.ts";
import { GET, loadRecorder, moduleLog, OK } from "./helpers.ts";

const TRAP: [string, string][] = [...GET, ["x-trap", "1"]];

test("a trap answers 503 wasm_fail_stream, logs Envoy's failure line and skips on_log/on_done/on_delete", async () => {
  const p = await loadRecorder("0000--");
  const start = p.logs.length;
  const r = await p.exchange({ request: { headers: TRAP }, response: { headers: OK } });
  assert.equal(r.upstreamRequest, null);
  assert.deepEqual({ status: r.localReply?.status, details: r.localReply?.details }, { status: 503, details: "wasm_fail_stream" });
  assert.deepEqual(r.downstreamResponse.headers, [[":status", "503"]]);
  const failure = p.logs.slice(start).find((l) => l.source === "host" && l.levelName === "error");
  assert.equal(failure?.message, "Function: proxy_on_request_headers failed: Uncaught RuntimeError: unreachable");
  assert.match(failure!.line, /\[error\]\[wasm\] Function: proxy_on_request_headers failed/);
  assert.deepEqual(moduleLog(p, start), ["on_context_create 2 1", "on_request_headers 2 5 1"]);
  p.close();
});

test("FAIL_CLOSED (default): later streams on the failed worker get 503 without reaching the module", async () => {
  const p = await loadRecorder("0000--", { workers: 2 });
  await p.exchange({ request: { headers: TRAP }, response: { headers: OK } }); // worker-0 fails
  const start = p.logs.length;
  const onWorker1 = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(onWorker1.localReply, undefined, "worker-1 is unaffected");
  const onWorker0 = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(onWorker0.localReply?.status, 503);
  assert.equal(onWorker0.localReply?.details, "wasm_fail_stream");
  assert.ok(p.logs.slice(start).every((l) => l.vm !== "worker-0" || l.source === "host"));
  assert.match(p.workerStates[0]!.failure!, /proxy_on_request_headers failed/);
  p.close();
});

test("FAIL_OPEN: later streams on the failed worker skip the filter", async () => {
  const p = await loadRecorder("0000--", { failurePolicy: "FAIL_OPEN" });
  const first = await p.exchange({ request: { headers: TRAP }, response: { headers: OK } });
  assert.equal(first.localReply?.status, 503, "the in-flight stream still fails (no legacy fail_open)");
  const start = p.logs.length;
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(r.localReply, undefined);
  assert.deepEqual(r.upstreamRequest!.headers, GET);
  assert.deepEqual(moduleLog(p, start), []);
  p.close();
});

test("legacy fail_open: the in-flight stream continues without the filter", async () => {
  const p = await loadRecorder("0000--", { failOpen: true, failurePolicy: "FAIL_OPEN" });
  const r = await p.exchange({ request: { headers: TRAP }, response: { headers: OK } });
  assert.equal(r.localReply, undefined);
  assert.deepEqual(r.upstreamRequest!.headers, TRAP);
  assert.deepEqual(r.downstreamResponse.headers, OK);
  p.close();
});

test("FAIL_RELOAD: the next stream runs on a fresh VM", async () => {
  const p = await loadRecorder("0000--", { failurePolicy: "FAIL_RELOAD" });
  await p.exchange({ request: { headers: TRAP }, response: { headers: OK } });
  const start = p.logs.length;
  const r = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(r.localReply, undefined);
  const lines = p.logs.slice(start).filter((l) => l.source === "wasm").map((l) => `${l.vm}: ${l.message}`);
  assert.deepEqual(lines.slice(0, 4), [
    "worker-0.reload-1: on_context_create 1 0", "worker-0.reload-1: on_vm_start 1 0",
    "worker-0.reload-1: on_configure 1 6", "worker-0.reload-1: metric ids 4 5 6",
  ]);
  assert.ok(lines.includes("worker-0.reload-1: on_request_headers 2 4 1"));
  assert.equal(p.workerStates[0]!.reloads, 1);
  p.close();
});

test("FAIL_RELOAD backs off: a second failure within 1 s fails closed until the interval passed", async () => {
  const clock = new ManualClock();
  const p = await loadRecorder("0000--", { failurePolicy: "FAIL_RELOAD", clock });
  await p.exchange({ request: { headers: TRAP }, response: { headers: OK } });
  const reloaded = await p.exchange({ request: { headers: TRAP }, response: { headers: OK } }); // reload #1, traps again
  assert.equal(reloaded.localReply?.status, 503);
  assert.equal(p.workerStates[0]!.reloads, 1);
  const within = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(within.localReply?.details, "wasm_fail_stream", "inside the backoff interval");
  clock.advance(1000);
  const after = await p.exchange({ request: { headers: GET }, response: { headers: OK } });
  assert.equal(after.localReply, undefined);
  assert.equal(p.workerStates[0]!.reloads, 2);
  p.close();
});
