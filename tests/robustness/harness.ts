// Drives one random case (a request body and a response body, each from its own generator) through
// the filter with the default policy and says what, if anything, went wrong: a trap, a local
// reply or reset, a stall, an error log, or a body that did not come out byte-for-byte as it went
// in. The default policy only alerts, so observe mode must forward everything untouched.
import { loadPlugin, type Plugin, type ExchangeResult } from "../../src/index.ts";
import { defaultPluginConfiguration } from "../../src/dev/default-config.ts";
import { Rng, caseSeed, randomBody, randomChunks, randomPath, type Body } from "./gen.ts";

export const DEFAULT_SEED = 0x1ea75c0e;

/** proxy_log levels are 0 trace .. 5 critical; a trap is logged by the host at error (4). */
export const ERROR_LEVEL = 4;

/** The run seed: LEAKSCOPE_ROBUSTNESS_SEED (decimal or 0x hex) or the fixed default. */
export function runSeed(): number {
  const env = process.env.LEAKSCOPE_ROBUSTNESS_SEED;
  return env ? Number(env) >>> 0 : DEFAULT_SEED;
}

export async function defaultPlugin(): Promise<Plugin> {
  // "warn" keeps the filter's own warnings (malformed input is allowed to warn) while leaving out
  // per-exchange info chatter; error-level records are what a trap produces.
  return loadPlugin({ configuration: defaultPluginConfiguration(), logLevel: "warn" });
}

export interface Case {
  index: number;
  seed: number;
  path: string;
  request: Body & { chunks: Buffer[] };
  response: Body & { chunks: Buffer[] };
}

/** Case `index` of the run with seed `runSeed`, rebuilt from its own seed alone. */
export function makeCase(runSeedValue: number, index: number): Case {
  const seed = caseSeed(runSeedValue, index);
  const r = new Rng(seed);
  const path = randomPath(r);
  const req = randomBody(r);
  const res = randomBody(r);
  return { index, seed, path, request: { ...req, chunks: randomChunks(r, req.body) }, response: { ...res, chunks: randomChunks(r, res.body) } };
}

export function describeCase(c: Case): string {
  const side = (b: Case["request"]) =>
    `${b.generator} ${b.body.length} B in ${b.chunks.length} chunk(s) [${b.chunks.map((x) => x.length).join(",").slice(0, 120)}] headers ${JSON.stringify(b.headers)}`;
  return `case #${c.index} (case seed ${c.seed}, 0x${c.seed.toString(16)}) path ${JSON.stringify(c.path.slice(0, 80))}\n  request:  ${side(c.request)}\n  response: ${side(c.response)}`;
}

function sameBytes(chunks: Buffer[], out: Buffer | undefined): boolean {
  if (!out) return false;
  return Buffer.concat(chunks).equals(out);
}

/** What runCase needs of a plugin (a Plugin, or a stand-in that checks the checker). */
export type ExchangeTarget = Pick<Plugin, "exchange" | "workerStates">;

/** Runs a case; returns the problems found (empty when the filter behaved). */
export async function runCase(plugin: ExchangeTarget, c: Case): Promise<string[]> {
  const problems: string[] = [];
  let result: ExchangeResult;
  try {
    result = await plugin.exchange({
      request: {
        headers: [[":method", "POST"], [":path", c.path], [":authority", "robust.test"], [":scheme", "http"], ...c.request.headers],
        body: c.request.chunks,
      },
      response: { headers: [[":status", "200"], ...c.response.headers], body: c.response.chunks },
    });
  } catch (e) {
    return [`the host threw: ${(e as Error).stack ?? e}`];
  }
  const failure = plugin.workerStates[0].failure;
  if (failure !== null) problems.push(`VM failed: ${failure}`);
  for (const l of result.logs) {
    if (l.level >= ERROR_LEVEL) problems.push(`${l.levelName} log (${l.source}): ${l.message.slice(0, 300)}`);
  }
  if (result.localReply) problems.push(`local reply ${result.localReply.status} (${result.localReply.details})`);
  if (result.reset !== undefined) problems.push(`reset: ${result.reset}`);
  if (result.stalled) problems.push(`stalled: ${result.stalled}`);
  if (!sameBytes(c.request.chunks, result.upstreamRequest?.body)) {
    problems.push(`request body altered: sent ${c.request.body.length} B, upstream got ${result.upstreamRequest ? result.upstreamRequest.body.length + " B" : "nothing"}`);
  }
  if (!result.localReply && !sameBytes(c.response.chunks, result.downstreamResponse.body)) {
    problems.push(`response body altered: sent ${c.response.body.length} B, downstream got ${result.downstreamResponse.body.length} B`);
  }
  const status = result.downstreamResponse.headers.find(([k]) => k === ":status")?.[1];
  if (!result.localReply && status !== "200") problems.push(`downstream status ${status}`);
  return problems;
}

/**
 * A smaller case that still fails in a fresh plugin: the failing side alone, in one chunk, then
 * cut down (halving from the end, then from the start) while it keeps failing. Returns the
 * smallest failing case found and whether the original reproduced on a fresh plugin at all.
 */
export async function shrink(c: Case, budgetMs = 20_000): Promise<{ reproduced: boolean; minimal: Case; problems: string[] }> {
  const deadline = Date.now() + budgetMs;
  const fails = async (x: Case): Promise<string[]> => {
    const p = await defaultPlugin();
    try { return await runCase(p, x); } finally { p.close(); }
  };
  let best = c;
  let problems = await fails(c);
  if (problems.length === 0) return { reproduced: false, minimal: c, problems: [] };
  const empty = (b: Case["request"]): Case["request"] => ({ ...b, generator: b.generator + " (emptied)", body: Buffer.alloc(0), chunks: [] });
  const tryCandidate = async (x: Case): Promise<boolean> => {
    if (Date.now() > deadline) return false;
    const pr = await fails(x);
    if (pr.length) { best = x; problems = pr; return true; }
    return false;
  };
  await tryCandidate({ ...best, response: empty(best.response) }) || await tryCandidate({ ...best, request: empty(best.request) });
  for (const side of ["request", "response"] as const) {
    const b = best[side];
    if (b.chunks.length > 1) await tryCandidate({ ...best, [side]: { ...b, chunks: [b.body] } });
    for (const fromStart of [false, true]) {
      for (let guard = 0; guard < 30 && best[side].body.length > 1; guard++) {
        const cur = best[side];
        const half = Math.floor(cur.body.length / 2);
        const body = fromStart ? cur.body.subarray(half) : cur.body.subarray(0, cur.body.length - half);
        // Keep the chunk layout's shape only when it was a single chunk; otherwise one chunk.
        if (!(await tryCandidate({ ...best, [side]: { ...cur, body, chunks: [body] } }))) break;
      }
    }
  }
  return { reproduced: true, minimal: best, problems };
}

export function hexPreview(b: Buffer, max = 96): string {
  return b.subarray(0, max).toString("hex") + (b.length > max ? `… (${b.length} B)` : "");
}
