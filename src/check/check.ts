import { parseDocument, isMap, isScalar, Scalar, LineCounter } from "yaml";
import { loadPlugin, ConfigureError, type LogRecord } from "../host/index.ts";
import { locateConfigurations, type LocatedConfiguration, type TextOrigin } from "./locate.ts";

export interface CheckFinding {
  severity: "error" | "warning";
  message: string;
  /** Position in the checked file, when the text the filter read can be mapped back. */
  line?: number;
  column?: number;
  /** Where the filter placed it when it cannot be mapped: "local_policy string 3:7". */
  where?: string;
}

export interface CheckReport {
  file: string;
  kind: LocatedConfiguration["kind"];
  ok: boolean;
  findings: CheckFinding[];
  /** The filter's own one-line account of what it loaded. */
  summary: string;
}

// The filter logs each problem as "<what> L:C: message", where <what> says which text the
// position refers to (see assembly/filter/root.ts).
const PROBLEM = /^(plugin configuration|local_policy) (\d+):(\d+): (.*)$/s;

/** Runs the real module in the strict host on every configuration found in the file. */
export async function checkFile(file: string, source: string, wasm?: string): Promise<CheckReport[]> {
  const reports: CheckReport[] = [];
  for (const located of locateConfigurations(source, file)) {
    const logs: LogRecord[] = [];
    let ok = true;
    try {
      const plugin = await loadPlugin({ wasm, configuration: located.configuration, logLevel: "info", onLog: (r) => logs.push(r) });
      plugin.close();
    } catch (err) {
      if (!(err instanceof ConfigureError)) throw err;
      ok = false;
    }
    reports.push(report(file, located, ok, firstVmOnly(logs)));
  }
  return reports;
}

/** Envoy configures a canary VM and then each worker: the same lines come several times. */
function firstVmOnly(logs: LogRecord[]): LogRecord[] {
  const vm = logs.find((r) => r.source === "wasm")?.vm;
  return logs.filter((r) => r.source === "host" || r.vm === vm);
}

function report(file: string, located: LocatedConfiguration, ok: boolean, logs: LogRecord[]): CheckReport {
  const policyOrigin = located.kind === "policy" ? located.origin : localPolicyOrigin(located);
  const findings: CheckFinding[] = [];
  let summary = "";
  for (const record of logs) {
    const m = PROBLEM.exec(record.message);
    if (m && record.level >= 3) {
      const [, what, line, column, message] = m;
      const origin = what === "local_policy" ? policyOrigin : located.origin;
      const mapped = origin?.toFile(Number(line), Number(column)) ?? null;
      findings.push({
        severity: record.level >= 4 ? "error" : "warning",
        message,
        ...(mapped ? { line: mapped.line, column: mapped.column } : { where: `${what === "local_policy" ? "local_policy string" : located.origin.describe} ${line}:${column}` }),
      });
    } else if (record.source === "wasm" && record.level === 2 && /loaded/.test(record.message)) {
      summary = record.message;
    } else if (record.source === "host" && record.level >= 4) {
      findings.push({ severity: "error", message: record.message });
    }
  }
  return { file, kind: located.kind, ok, findings, summary };
}

/** Where the text of a `local_policy: |` block sits in the file, through the plugin configuration. */
function localPolicyOrigin(located: LocatedConfiguration): TextOrigin | null {
  const lineCounter = new LineCounter();
  const doc = parseDocument(located.configuration, { lineCounter, uniqueKeys: false });
  if (doc.errors.length || !isMap(doc.contents)) return null;
  const node = doc.contents.get("local_policy", true);
  if (!isScalar(node) || node.type !== Scalar.BLOCK_LITERAL) return null;
  const start = lineCounter.linePos(node.range![0]);
  const text = located.configuration;
  const firstLineStart = text.indexOf("\n", node.range![0]) + 1;
  const indent = /^ */.exec(text.slice(firstLineStart))![0].length;
  return {
    describe: "local_policy",
    toFile: (l, c) => located.origin.toFile(start.line + l, c + indent),
  };
}

export function formatReport(r: CheckReport): string {
  const lines = r.findings.map((f) => f.line !== undefined
    ? `${r.file}:${f.line}:${f.column}: ${f.severity}: ${f.message}`
    : `${r.file}: ${f.severity}: ${f.message}${f.where ? ` (at ${f.where})` : ""}`);
  const errors = r.findings.filter((f) => f.severity === "error").length;
  const warnings = r.findings.length - errors;
  const verdict = r.ok ? "OK" : "REJECTED";
  lines.push(`${r.file}: ${verdict} (${r.kind}; ${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})${r.summary ? ` — ${r.summary}` : ""}`);
  return lines.join("\n");
}
