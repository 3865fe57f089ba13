import { loadPlugin, type Plugin, type LogRecord } from "../host/index.ts";

/** One thing to scan: a message as it would cross the proxy. */
export interface ScanRecord {
  id: string;
  direction: "request" | "response";
  /** Request path (with query); it selects the policy's endpoints. */
  path: string;
  authority: string;
  headers: [string, string][];
  contentType?: string;
  body: Uint8Array;
}

export interface ScanMatch {
  id: string;
  category: string;
  tag: string;
  part: "header" | "body";
  header: string;
  path: string;
  offset: number;
  length: number;
  value: string | null;
  action: string;
}

export interface ScanSummary {
  id: string;
  summary: {
    parser: string; scanned: boolean; malformed: boolean; truncated: boolean; matches: number; blocked: boolean;
    /** A content-encoding the filter cannot undo (the body was not scanned), or "". */
    unscanned_encoding: string;
    /** Why decoding stopped (corrupt or truncated gzip/deflate stream), or "". */
    encoding_error: string;
  };
}

const CHUNK = 16 * 1024;

/**
 * Scans records with the real module in the strict host. The filter reports each match and a
 * per-message summary to its debug log (spec §8.1); this reads them back per exchange.
 */
export class Scanner {
  private constructor(private plugin: Plugin) {}

  static async open(configuration: string, wasm?: string): Promise<Scanner> {
    const plugin = await loadPlugin({ wasm, configuration, logLevel: "debug" });
    return new Scanner(plugin);
  }

  async scan(record: ScanRecord): Promise<{ matches: ScanMatch[]; summary: ScanSummary }> {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < record.body.length; at += CHUNK) chunks.push(record.body.subarray(at, at + CHUNK));
    const typed: [string, string][] = record.contentType ? [["content-type", record.contentType]] : [];
    const extra = record.headers.filter(([k]) => !k.startsWith(":") && !(record.contentType && k === "content-type"));
    const isRequest = record.direction === "request";
    const request = {
      headers: [[":method", isRequest ? "POST" : "GET"], [":path", record.path], [":authority", record.authority], [":scheme", "http"],
        ...(isRequest ? [...typed, ...extra] : [])] as [string, string][],
      body: isRequest ? chunks : [],
    };
    const response = {
      headers: [[":status", "200"], ...(isRequest ? [] : [...typed, ...extra])] as [string, string][],
      body: isRequest ? [] : chunks,
    };
    const result = await this.plugin.exchange({ request, response });
    const matches: ScanMatch[] = [];
    let summary: ScanSummary["summary"] = { parser: "none", scanned: false, malformed: false, truncated: false, matches: 0, blocked: false, unscanned_encoding: "", encoding_error: "" };
    for (const log of result.logs) {
      const parsed = parseRecord(log);
      if (!parsed || parsed.value.direction !== record.direction) continue;
      const v = parsed.value;
      if (parsed.kind === "match") {
        matches.push({ id: record.id, category: v.category, tag: v.tag, part: v.part, header: v.header, path: v.path, offset: v.offset, length: v.length, value: v.value, action: v.action });
      } else {
        summary = { parser: v.parser, scanned: v.scanned, malformed: v.malformed, truncated: v.truncated, matches: v.matches, blocked: false, unscanned_encoding: v.unscanned_encoding, encoding_error: v.encoding_error };
      }
    }
    // spec §7.8: a block is a local 403 (before upstream, or replacing held response headers), or a reset
    summary.blocked = result.localReply?.status === 403 || result.reset !== undefined;
    return { matches, summary: { id: record.id, summary } };
  }

  close(): void { this.plugin.close(); }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function parseRecord(log: LogRecord): { kind: "match" | "message"; value: any } | null {
  const m = /^leakscope (match|message) (\{.*\})$/s.exec(log.message);
  if (!m) return null;
  return { kind: m[1] as "match" | "message", value: JSON.parse(m[2]) };
}
