import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { Scanner, type ScanRecord } from "../scan/scan.ts";
import { configurationFromFiles } from "../dev/dev-proxy.ts";
import { helpText, parseFlags, UsageError, type FlagSpec } from "./args.ts";

const FLAGS: FlagSpec[] = [
  { name: "policy", value: "FILE", help: "L7 policy YAML (required unless --config)" },
  { name: "config", value: "FILE", help: "plugin configuration YAML/JSON holding local_policy" },
  { name: "content-type", value: "TYPE", help: "content type of the files (default: by extension, else text/plain)" },
  { name: "direction", value: "DIR", help: "request or response (default response)" },
  { name: "path", value: "PATH", help: "request path, selects the policy's endpoints (default /)" },
  { name: "authority", value: "HOST", help: ":authority of the request (default scan.local)" },
  { name: "jsonl", help: "read records {id, direction, path, headers, content_type, body|body_base64} from stdin" },
  { name: "wasm", value: "FILE", help: "filter module (default build/leakscope.wasm)" },
  { name: "help", help: "show this help" },
];

export const SCAN_USAGE = `leakscope scan --policy P [options] [FILE...]\n\nScans files (or stdin) with the real filter and prints JSON lines: one per match\n{id, category, part, header, path, offset, length, value, action}, then one summary per record.\n\n${helpText(FLAGS)}`;

const BY_EXTENSION: Record<string, string> = { json: "application/json", ndjson: "application/json", html: "text/html", htm: "text/html", xml: "text/xml", txt: "text/plain" };

export async function runScan(argv: string[]): Promise<number> {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (flags.has("help")) { console.log(SCAN_USAGE); return 0; }
  const configuration = configurationFromFiles(flags.get("config") as string | undefined, flags.get("policy") as string | undefined);
  if (configuration === undefined) throw new UsageError("scan needs --policy or --config");
  const direction = (flags.get("direction") ?? "response") as string;
  if (direction !== "request" && direction !== "response") throw new UsageError(`--direction must be request or response, got '${direction}'`);
  const path = (flags.get("path") as string | undefined) ?? "/";
  const authority = (flags.get("authority") as string | undefined) ?? "scan.local";
  const scanner = await Scanner.open(configuration, flags.get("wasm") as string | undefined);
  try {
    const records: AsyncIterable<ScanRecord> = flags.has("jsonl")
      ? jsonlRecords(direction, path, authority)
      : fileRecords(rest, direction, path, authority, flags.get("content-type") as string | undefined);
    for await (const record of records) {
      const { matches, summary } = await scanner.scan(record);
      for (const m of matches) console.log(JSON.stringify(m));
      console.log(JSON.stringify(summary));
    }
  } finally {
    scanner.close();
  }
  return 0;
}

async function* fileRecords(files: string[], direction: "request" | "response", path: string, authority: string, contentType?: string): AsyncIterable<ScanRecord> {
  if (files.length === 0) {
    const parts: Buffer[] = [];
    for await (const chunk of process.stdin) parts.push(chunk as Buffer);
    yield { id: "-", direction, path, authority, headers: [], contentType: contentType ?? "text/plain", body: Buffer.concat(parts) };
    return;
  }
  for (const file of files) {
    let body: Buffer;
    try { body = readFileSync(file); } catch (err) { throw new UsageError(`cannot read ${file}: ${(err as Error).message}`); }
    const ext = file.split(".").pop()?.toLowerCase() ?? "";
    yield { id: file, direction, path, authority, headers: [], contentType: contentType ?? BY_EXTENSION[ext] ?? "text/plain", body };
  }
}

async function* jsonlRecords(direction: "request" | "response", path: string, authority: string): AsyncIterable<ScanRecord> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === "") continue;
    let r: Record<string, unknown>;
    try { r = JSON.parse(line); } catch (err) { throw new UsageError(`stdin line ${n}: not JSON: ${(err as Error).message}`); }
    const headers = r.headers === undefined ? [] : Array.isArray(r.headers) ? r.headers : Object.entries(r.headers as Record<string, string>);
    if (!headers.every((h) => Array.isArray(h) && h.length === 2 && h.every((x) => typeof x === "string"))) throw new UsageError(`stdin line ${n}: headers must be an object or a list of [name, value] pairs`);
    const dir = (r.direction ?? direction) as string;
    if (dir !== "request" && dir !== "response") throw new UsageError(`stdin line ${n}: direction must be request or response`);
    if (r.body !== undefined && r.body_base64 !== undefined) throw new UsageError(`stdin line ${n}: give body or body_base64, not both`);
    const body = typeof r.body_base64 === "string" ? Buffer.from(r.body_base64, "base64") : Buffer.from(typeof r.body === "string" ? r.body : r.body === undefined ? "" : JSON.stringify(r.body));
    yield {
      id: String(r.id ?? n),
      direction: dir,
      path: typeof r.path === "string" ? r.path : path,
      authority,
      headers: (headers as [string, string][]).map(([k, v]) => [k.toLowerCase(), v]),
      contentType: typeof r.content_type === "string" ? r.content_type : undefined,
      body,
    };
  }
}
