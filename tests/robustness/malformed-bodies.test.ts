// ≥ 100,000 random and malformed bodies per run (issue 5, "Tests"): truncated and deeply nested
// JSON, bad escapes, NDJSON, text with invalid UTF-8, bogus gRPC frames and protobuf, valid,
// truncated, bit-flipped and bomb gzip/deflate, random content-encoding headers — in both
// directions, split into random chunks, on random paths — through the filter with the default
// policy. None may trap, and none may be blocked or altered: the default policy only alerts.
//
// Each exchange carries two cases (a request body and a response body), so 50,000 exchanges run
// 100,000 bodies. The run seed is fixed (LEAKSCOPE_ROBUSTNESS_SEED overrides it, and
// LEAKSCOPE_ROBUSTNESS_BODIES the count); each case is rebuilt from its own seed, and a failure is
// re-run on a fresh plugin and shrunk before it is reported.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultPlugin, describeCase, hexPreview, makeCase, runCase, runSeed, shrink, type Case, type ExchangeTarget } from "./harness.ts";
import type { ExchangeResult, LogRecord } from "../../src/index.ts";
import { Rng, caseSeed, gzipBomb, largeBody, randomChunks } from "./gen.ts";

const BODIES = Number(process.env.LEAKSCOPE_ROBUSTNESS_BODIES ?? 100_000);
const EXCHANGES = Math.ceil(BODIES / 2);
const MAX_FAILURES = 8;
const MEMORY_MARK = 5_000;

// The checker itself, against stand-ins for the plugin: a trap (error log, 503, failed VM) and a
// body changed in transit are reported, and a faithful pass-through is not.
test("the checker reports traps, local replies and altered bodies, and accepts a faithful pass-through", async () => {
  const c = makeCase(1, 0);
  const log = (level: number, message: string): LogRecord => ({ level, levelName: level >= 4 ? "error" : "warn", source: "host", message, line: message, vm: "worker-0", timeMs: 0 });
  const standIn = (failure: string | null, edit: (r: ExchangeResult) => void): ExchangeTarget => ({
    workerStates: [{ name: "worker-0", vm: "worker-0", rootContextId: 1, failure, reloads: 0, memoryBytes: 0 }],
    exchange: async () => {
      const r: ExchangeResult = {
        upstreamRequest: { headers: [], body: Buffer.concat(c.request.chunks), trailers: [] },
        downstreamResponse: { headers: [[":status", "200"]], body: Buffer.concat(c.response.chunks), trailers: [] },
        logs: [log(3, "malformed JSON, scanning the rest as text")], callouts: [],
      };
      edit(r);
      return r;
    },
  } as unknown as ExchangeTarget);
  assert.deepEqual(await runCase(standIn(null, () => {}), c), []);
  const trapped = await runCase(standIn("trap", (r) => {
    r.logs.push(log(4, "Function: proxy_on_response_body failed: unreachable"));
    r.localReply = { status: 503, details: "wasm_fail_stream", body: Buffer.alloc(0), headers: [] };
    r.downstreamResponse = { headers: [], body: Buffer.alloc(0), trailers: [] };
  }), c);
  assert.ok(trapped.some((p) => p.startsWith("VM failed")) && trapped.some((p) => p.includes("Function: proxy_on_response_body failed")) && trapped.some((p) => p.startsWith("local reply 503")), trapped.join("; "));
  const altered = await runCase(standIn(null, (r) => { r.downstreamResponse.body = Buffer.concat([r.downstreamResponse.body, Buffer.from("x")]); }), c);
  assert.ok(altered.some((p) => p.startsWith("response body altered")), altered.join("; "));
});

test(`${BODIES} random and malformed bodies never trap and pass unchanged`, { timeout: 15 * 60_000 }, async () => {
  const seed = runSeed();
  console.log(`robustness: run seed ${seed} (0x${seed.toString(16)}), ${EXCHANGES} exchanges`);
  let plugin = await defaultPlugin();
  const failures: Array<{ c: Case; problems: string[] }> = [];
  const perGenerator = new Map<string, number>();
  const warnings = new Map<string, number>(); // warn-level records by message start: allowed, but worth seeing
  const started = Date.now();
  let bodies = 0;
  // Error paths are where memory is most easily kept: the VM's memory after the first 5,000
  // exchanges (its high-water mark by then covers the rare large cases) must hold to the end.
  let memoryAtMark = 0;
  for (let i = 0; i < EXCHANGES; i++) {
    const c = makeCase(seed, i);
    for (const b of [c.request, c.response]) {
      const g = b.generator.replace(/\(.*$/, "");
      perGenerator.set(g, (perGenerator.get(g) ?? 0) + 1);
    }
    const problems = await runCase(plugin, c);
    bodies += 2;
    for (const l of plugin.logs) if (l.level === 3) { const k = l.message.slice(0, 70); warnings.set(k, (warnings.get(k) ?? 0) + 1); }
    plugin.logs.length = 0; // exchange() reads the records of its own exchange; keep the list short
    if (problems.length) {
      failures.push({ c, problems });
      console.log(`FAIL ${describeCase(c)}\n  ${problems.slice(0, 4).join("\n  ")}`);
      if (plugin.workerStates[0].failure !== null) { plugin.close(); plugin = await defaultPlugin(); }
      if (failures.length >= MAX_FAILURES) break;
    }
    if (i === MEMORY_MARK - 1) memoryAtMark = plugin.workerStates[0].memoryBytes;
    if (i % 5000 === 4999) console.log(`robustness: ${bodies} bodies, ${((Date.now() - started) / 1000).toFixed(1)} s, VM memory ${plugin.workerStates[0].memoryBytes} B`);
  }
  const memoryAtEnd = plugin.workerStates[0].memoryBytes;
  plugin.close();
  const seconds = (Date.now() - started) / 1000;
  console.log(`robustness: ${bodies} bodies (${bodies / 2} exchanges) in ${seconds.toFixed(1)} s; per generator: ${[...perGenerator].map(([g, n]) => `${g}=${n}`).join(" ")}`);

  console.log(`robustness: warn-level records: ${[...warnings].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([m, n]) => `${n}× ${JSON.stringify(m)}`).join("; ") || "none"}`);
  if (failures.length) {
    const reports: string[] = [];
    for (const f of failures.slice(0, 3)) {
      const s = await shrink(f.c);
      reports.push(
        `${describeCase(f.c)}\n  problems: ${f.problems.slice(0, 4).join(" | ")}\n` +
        (s.reproduced
          ? `  minimal on a fresh plugin: ${describeCase(s.minimal)}\n  request hex: ${hexPreview(Buffer.concat(s.minimal.request.chunks))}\n  response hex: ${hexPreview(Buffer.concat(s.minimal.response.chunks))}\n  problems: ${s.problems.slice(0, 3).join(" | ")}`
          : `  does NOT reproduce on a fresh plugin: depends on state left by earlier exchanges (rerun the seed)`),
      );
    }
    assert.fail(`${failures.length} failing case(s) (run seed ${seed}; rerun with LEAKSCOPE_ROBUSTNESS_SEED=${seed}):\n${reports.join("\n\n")}`);
  }
  assert.equal(bodies, EXCHANGES * 2);
  if (EXCHANGES > MEMORY_MARK) {
    console.log(`robustness: VM memory after ${MEMORY_MARK} exchanges ${memoryAtMark} B, after ${EXCHANGES}: ${memoryAtEnd} B`);
    assert.ok(memoryAtEnd - memoryAtMark <= 4 * 1024 * 1024, `VM memory grew from ${memoryAtMark} B to ${memoryAtEnd} B between exchange ${MEMORY_MARK} and ${EXCHANGES} of malformed input (seed ${seed})`);
  }
});

// The few large inputs, apart from the 100,000 because each costs as much as thousands of small
// ones: compression bombs (1–40 MiB of one byte in a few KiB; the filter must stop at
// max_body_bytes and still forward the compressed bytes untouched) and 64–256 KiB bodies.
test("compression bombs and large bodies pass unchanged without a trap", { timeout: 5 * 60_000 }, async () => {
  const seed = runSeed();
  const plugin = await defaultPlugin();
  const failures: string[] = [];
  const started = Date.now();
  for (let i = 0; i < 12; i++) {
    const s = caseSeed(seed ^ 0xb0b, i);
    const r = new Rng(s);
    const b = i < 6 ? gzipBomb(r) : largeBody(r);
    const chunks = randomChunks(r, b.body);
    // The large body goes in the response, or in the request on odd cases, with an empty other side.
    const onRequest = i % 2 === 1;
    const c: Case = {
      index: i, seed: s, path: "/large",
      request: onRequest ? { ...b, chunks } : { generator: "empty", headers: [], body: Buffer.alloc(0), chunks: [] },
      response: onRequest ? { generator: "empty", headers: [], body: Buffer.alloc(0), chunks: [] } : { ...b, chunks },
    };
    const t0 = Date.now();
    const problems = await runCase(plugin, c);
    plugin.logs.length = 0;
    console.log(`large: ${b.generator} ${b.body.length} B in ${chunks.length} chunk(s) (${onRequest ? "request" : "response"}): ${Date.now() - t0} ms${problems.length ? " FAIL" : ""}`);
    if (problems.length) { failures.push(`${describeCase(c)}\n  ${problems.join("\n  ")}`); if (plugin.workerStates[0].failure !== null) break; }
  }
  plugin.close();
  console.log(`large: 12 cases in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  assert.deepEqual(failures, [], `large-body failures (run seed ${seed}):\n${failures.join("\n")}`);
});
