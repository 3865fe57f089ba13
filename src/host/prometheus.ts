// Renders a StatsStore as Envoy's admin endpoints would: /stats (text) and /stats/prometheus.
// Prometheus naming (Envoy source/server/admin/prometheus_stats.cc + tag extraction):
//  1. stats_tags {tag_name, regex} run first, in order, on the full name: the first capture group is
//     cut from the name, the second group (or the first, if only one) is the tag value;
//  2. the custom namespace `wasmcustom.` is stripped and no `envoy_` prefix is added;
//  3. characters outside [a-zA-Z0-9_] become `_`;
//  4. a name that then starts with a digit is dropped.
import { DEFAULT_BUCKETS, type Stat, type StatsStore } from "./metrics.ts";

export interface StatsTag { tag_name: string; regex: string }

interface Extracted { name: string; tags: [string, string][] }

/** Applies stats_tags to a full stat name. Throws on an invalid regex, naming the tag. */
export function extractTags(fullName: string, statsTags: readonly StatsTag[]): Extracted {
  let name = fullName;
  const tags: [string, string][] = [];
  for (const t of statsTags) {
    let re: RegExp;
    try { re = new RegExp(t.regex, "d"); } catch (e) { throw new Error(`stats_tags ${t.tag_name}: invalid regex ${JSON.stringify(t.regex)}: ${(e as Error).message}`); }
    const m = re.exec(name);
    if (!m || m[1] === undefined || !m.indices?.[1]) continue;
    const value = m[2] ?? m[1];
    const [start, end] = m.indices[1];
    name = name.slice(0, start) + name.slice(end);
    tags.push([t.tag_name, value]);
  }
  return { name, tags };
}

export function sanitize(name: string): string { return name.replace(/[^a-zA-Z0-9_]/g, "_"); }

function labelValue(v: string): string { return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n"); }

function labels(tags: readonly [string, string][], extra?: [string, string]): string {
  const all = extra ? [...tags, extra] : [...tags];
  return all.length ? `{${all.map(([k, v]) => `${sanitize(k)}="${labelValue(v)}"`).join(",")}}` : "";
}

/** Prometheus name for a stat, or undefined when Envoy would drop it. */
export function prometheusName(fullName: string, statsTags: readonly StatsTag[]): { name: string; tags: [string, string][] } | undefined {
  const ex = extractTags(fullName, statsTags);
  const stripped = ex.name.startsWith("wasmcustom.") ? ex.name.slice("wasmcustom.".length) : ex.name;
  const name = sanitize(stripped);
  if (name.length === 0 || /^[0-9]/.test(name)) return undefined;
  return { name, tags: ex.tags };
}

function fmt(n: number): string { return Number.isInteger(n) ? String(n) : String(n); }

export function renderPrometheus(store: StatsStore, statsTags: readonly StatsTag[]): string {
  const families = new Map<string, { kind: Stat["kind"]; lines: string[] }>();
  for (const s of store.all()) {
    const p = prometheusName(s.name, statsTags);
    if (!p) continue;
    let fam = families.get(p.name);
    if (!fam) { fam = { kind: s.kind, lines: [] }; families.set(p.name, fam); }
    if (s.kind !== "histogram") {
      fam.lines.push(`${p.name}${labels(p.tags)} ${s.value}`);
      continue;
    }
    let cumulative = 0;
    const sorted = [...s.samples].sort((a, b) => a - b);
    let i = 0;
    for (const le of DEFAULT_BUCKETS) {
      while (i < sorted.length && sorted[i]! <= le) { cumulative++; i++; }
      fam.lines.push(`${p.name}_bucket${labels(p.tags, ["le", fmt(le)])} ${cumulative}`);
    }
    fam.lines.push(`${p.name}_bucket${labels(p.tags, ["le", "+Inf"])} ${s.samples.length}`);
    fam.lines.push(`${p.name}_sum${labels(p.tags)} ${fmt(s.samples.reduce((a, b) => a + b, 0))}`);
    fam.lines.push(`${p.name}_count${labels(p.tags)} ${s.samples.length}`);
  }
  const out: string[] = [];
  for (const name of [...families.keys()].sort()) {
    const fam = families.get(name)!;
    out.push(`# TYPE ${name} ${fam.kind}`, ...fam.lines);
  }
  return out.length ? `${out.join("\n")}\n` : "";
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
}

/** Envoy /stats text: `name: value` for counters and gauges, quantile summary for histograms. */
export function renderText(store: StatsStore): string {
  const lines: string[] = [];
  for (const s of store.all()) {
    if (s.kind !== "histogram") { lines.push(`${s.name}: ${s.value}`); continue; }
    if (s.samples.length === 0) { lines.push(`${s.name}: No recorded values`); continue; }
    const sorted = [...s.samples].sort((a, b) => a - b);
    const qs = [0, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.995, 0.999, 1].map((q) => {
      const v = quantile(sorted, q);
      return `P${+(q * 100).toFixed(1)}(${v},${v})`;
    });
    lines.push(`${s.name}: ${qs.join(" ")}`);
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
