// `npm run bench`: whole exchanges through the built filter in the embedded host, default
// policy vs. the same filter with an empty policy (the baseline) in the same run.
// Prints µs per exchange, MB/s of body, the time the policy adds, and the VM's memory high-water.
//   npm run bench [-- --quick] [-- --runs=N]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { loadPlugin, type Plugin } from "../src/index.ts";
import { defaultPluginConfiguration } from "../src/dev/default-config.ts";
import { PAGES } from "../src/dev/demo/pages.ts";
import { piiJson, cleanJson, piiHtml } from "./regex-corpora.ts";

const args = process.argv.slice(2);
const quick = args.includes("--quick");
const runs = Number(args.find((a) => a.startsWith("--runs="))?.slice(7) ?? (quick ? 3 : 5));
const CHUNK = 16 * 1024;

function cleanHtml(size: number): string {
  const page = PAGES.find((p) => p.path === "/clean")!;
  let rows = Math.max(1, Math.floor(size / 180));
  let html = page.render(rows);
  while (html.length < size) html = page.render(++rows * 2);
  return html.slice(0, size);
}

interface Corpus { name: string; contentType: string; body: Buffer }

function corpora(): Corpus[] {
  const sizes: [string, number][] = quick ? [["1 KB", 1 << 10], ["64 KB", 64 << 10], ["1 MB", 1 << 20]] : [["1 KB", 1 << 10], ["64 KB", 64 << 10], ["1 MB", 1 << 20], ["16 MB", 16 << 20]];
  const out: Corpus[] = [];
  for (const [label, size] of sizes) {
    out.push({ name: `PII JSON ${label}`, contentType: "application/json", body: Buffer.from(piiJson(size)) });
    out.push({ name: `clean JSON ${label}`, contentType: "application/json", body: Buffer.from(cleanJson(size)) });
    out.push({ name: `PII HTML ${label}`, contentType: "text/html", body: Buffer.from(piiHtml(size)) });
    out.push({ name: `clean HTML ${label}`, contentType: "text/html", body: Buffer.from(cleanHtml(size)) });
  }
  const shared = new URL("../../shared/data/json/", import.meta.url);
  if (existsSync(shared)) {
    for (const f of readdirSync(shared).filter((f) => f.endsWith(".json")).sort()) {
      out.push({ name: f, contentType: "application/json", body: readFileSync(new URL(f, shared)) });
    }
  } else {
    console.log("(../shared/data/json not found: the public JSON corpora are skipped)");
  }
  return out;
}

function chunks(body: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < body.length; at += CHUNK) out.push(body.subarray(at, at + CHUNK));
  return out;
}

async function exchangeMicros(plugin: Plugin, corpus: Corpus, parts: Buffer[]): Promise<number> {
  const t0 = process.hrtime.bigint();
  await plugin.exchange({
    request: { headers: [[":method", "GET"], [":path", "/api/data"], [":authority", "bench.local"], [":scheme", "http"]] },
    response: { headers: [[":status", "200"], ["content-type", corpus.contentType]], body: parts },
  });
  return Number(process.hrtime.bigint() - t0) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function measure(plugin: Plugin, corpus: Corpus): Promise<number> {
  const parts = chunks(corpus.body);
  // small bodies are timed in batches so the clock's resolution does not dominate
  const batch = Math.max(1, Math.min(200, Math.floor((256 << 10) / Math.max(corpus.body.length, 1))));
  for (let i = 0; i < Math.min(batch, 20); i++) await exchangeMicros(plugin, corpus, parts); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    let total = 0;
    for (let i = 0; i < batch; i++) total += await exchangeMicros(plugin, corpus, parts);
    samples.push(total / batch);
  }
  return median(samples);
}

const policyPlugin = await loadPlugin({ configuration: defaultPluginConfiguration(), logLevel: "warn" });
const emptyPlugin = await loadPlugin({ configuration: "deployment_name: bench\n", logLevel: "warn" });
const t0 = process.hrtime.bigint();
const probe = await loadPlugin({ configuration: defaultPluginConfiguration(), logLevel: "warn" });
const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
probe.close();

console.log(`leakscope end-to-end benchmark: ${runs} runs (median), ${CHUNK / 1024} KiB chunks, Node ${process.version}`);
console.log(`loading the default policy (canary + 1 worker VM, two compiles): ${loadMs.toFixed(0)} ms\n`);
const header = "| corpus | size | empty policy µs | default policy µs | added µs | MB/s (default) |";
console.log(header);
console.log("|---|---:|---:|---:|---:|---:|");
for (const corpus of corpora()) {
  const base = await measure(emptyPlugin, corpus);
  const full = await measure(policyPlugin, corpus);
  const mbps = corpus.body.length / full; // bytes per µs = MB/s
  const size = corpus.body.length >= 1 << 20 ? `${(corpus.body.length / (1 << 20)).toFixed(1)} MiB` : `${(corpus.body.length / 1024).toFixed(1)} KiB`;
  console.log(`| ${corpus.name} | ${size} | ${base.toFixed(1)} | ${full.toFixed(1)} | ${(full - base).toFixed(1)} | ${mbps.toFixed(1)} |`);
}
const memory = policyPlugin.workerStates[0].memoryBytes;
console.log(`\nVM linear memory high-water (default policy worker): ${(memory / (1 << 20)).toFixed(1)} MiB`);
policyPlugin.close();
emptyPlugin.close();
