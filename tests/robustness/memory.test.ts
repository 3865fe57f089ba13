// No leak across exchanges (issue 5, "Tests"): the VM's linear memory after many exchanges of
// realistic mixed traffic equals its size after the first 1,000 within a small bound.
// `memoryBytes` is the memory's size, which only grows, so it is the high-water mark: the pool of
// exchanges is cycled (every shape and size appears in the first 1,000), so any growth after
// them is memory the filter kept, not a bigger body.
//
// Sensitivity, honestly: the host exposes only the memory's size, not the heap in use, and a leak
// first fills the free space already inside that size. With the memory at 40 MiB after 1,000
// exchanges, an unchanged size after 100,000 bounds a leak to about 40 MiB / 99,000 ≈ 420 B per
// exchange (less whatever the live heap takes); a smaller per-exchange leak needs more exchanges
// to show.
import { test } from "node:test";
import assert from "node:assert/strict";
import { defaultPlugin, runSeed } from "./harness.ts";
import { realisticPool } from "./realistic.ts";

const WARMUP = 1_000;
const TOTAL = Number(process.env.LEAKSCOPE_MEMORY_EXCHANGES ?? 100_000);
const BOUND = 4 * 1024 * 1024;

test(`VM memory after ${TOTAL} realistic exchanges is within 4 MiB of memory after ${WARMUP}`, { timeout: 15 * 60_000 }, async () => {
  const seed = runSeed();
  const pool = realisticPool(seed, 257);
  const plugin = await defaultPlugin();
  const started = Date.now();
  let atWarmup = 0;
  const curve: string[] = [];
  for (let i = 0; i < TOTAL; i++) {
    const x = pool[i % pool.length];
    const result = await plugin.exchange({
      request: { headers: [[":method", x.method], [":path", x.path], [":authority", "shop.test"], [":scheme", "https"], ...x.requestHeaders], body: x.requestBody },
      response: { headers: [[":status", "200"], ...x.responseHeaders], body: x.responseBody },
    });
    plugin.logs.length = 0;
    if (plugin.workerStates[0].failure !== null || result.localReply || result.reset !== undefined) {
      assert.fail(`exchange ${i} (${x.name}, pool index ${i % pool.length}, seed ${seed}) failed: ${plugin.workerStates[0].failure ?? result.localReply?.details ?? result.reset}`);
    }
    if (!result.downstreamResponse.body.equals(Buffer.concat(x.responseBody))) assert.fail(`exchange ${i} (${x.name}): response body altered`);
    if (i + 1 === WARMUP) atWarmup = plugin.workerStates[0].memoryBytes;
    if ((i + 1) % 10_000 === 0 || i + 1 === WARMUP) curve.push(`${i + 1}: ${plugin.workerStates[0].memoryBytes}`);
  }
  const atEnd = plugin.workerStates[0].memoryBytes;
  plugin.close();
  console.log(`memory: ${TOTAL} exchanges in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${seed}); memoryBytes after ${WARMUP}: ${atWarmup}, after ${TOTAL}: ${atEnd} (+${atEnd - atWarmup}); curve ${curve.join(", ")}`);
  assert.ok(atEnd - atWarmup <= BOUND, `VM memory grew by ${atEnd - atWarmup} B between exchange ${WARMUP} and ${TOTAL} (bound ${BOUND}); curve ${curve.join(", ")}`);
});
