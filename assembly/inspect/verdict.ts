import { Action } from "../policy/match-config";
import { Part } from "../matching/candidate";
import { Finding } from "./message-inspection";
import { RedactSpan, redact } from "./redact";
import { HeaderPairs } from "../abi/header-pairs";

/**
 * What the filter must do to a message (spec §7.8), decided by the inspection and carried out
 * by the stream glue. Precedence: block > redact > alert.
 */
export class Verdict {
  /** Non-empty: block, naming the category (`x-ls-blocked-category`). */
  blockCategory: string = "";
  /** Non-empty: an SBAC item blocks (`x-sbac-rule`: its name, else its index). */
  blockRule: string = "";

  get blocks(): bool { return this.blockCategory.length > 0 || this.blockRule.length > 0; }
  /** Header values to rewrite in place (redact). */
  headerNames: Array<string> = [];
  headerValues: Array<string> = [];
  /** The body is enforced: hold (buffer) it until it has been scanned. */
  holdBody: bool = false;
  /** The body may change length (redact): drop content-length while the headers can still change. */
  dropContentLength: bool = false;
  /** A content-encoded body will be sent decoded (redact): drop content-encoding too. */
  dropContentEncoding: bool = false;
  /** Replacement body (redact), or null. */
  body: Uint8Array | null = null;
}

/** The first block finding's category, or "". */
export function blockedCategory(findings: Array<Finding>): string {
  for (let i = 0; i < findings.length; i++) if (findings[i].entry.config.action == Action.Block) return findings[i].entry.config.name;
  return "";
}

/**
 * Header values with their redact findings masked, one rewrite per header. Header contexts
 * are values of their own, so offsets are within the value.
 */
export function headerRedactions(findings: Array<Finding>, names: Array<string>, values: Array<string>, headers: HeaderPairs): void {
  const done = new Array<string>();
  for (let i = 0; i < findings.length; i++) {
    const c = findings[i].candidate;
    if (findings[i].entry.config.action != Action.Redact || c.part != Part.Header || done.includes(c.header)) continue;
    done.push(c.header);
    const spans = new Array<RedactSpan>();
    for (let k = i; k < findings.length; k++) {
      const o = findings[k];
      if (o.entry.config.action == Action.Redact && o.candidate.part == Part.Header && o.candidate.header == c.header) {
        spans.push(new RedactSpan(o.candidate.rawStart, o.candidate.rawEnd, o.entry.config.mask, -1));
      }
    }
    const value = Uint8Array.wrap(String.UTF8.encode(headers.find(c.header)));
    const masked = redact(value.dataStart, value.length, spans, false);
    names.push(c.header);
    values.push(String.UTF8.decodeUnsafe(masked.dataStart, <usize>masked.length));
  }
}
