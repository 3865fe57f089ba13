import { REPORT_STYLE_NAMES, ReportStyle } from "../policy/report";
import { ACTION_NAMES } from "../policy/match-config";
import { JsonWriter } from "../util/json-writer";
import { Part } from "../matching/candidate";
import { ContextKind } from "../pipeline/context-sink";
import { Finding } from "./message-inspection";
import { reportValue } from "./report-value";

/**
 * One match as the JSON record of spec §8.1 (per-match fields), with the value in the
 * entry's report style. Raw values only leave the filter when the policy asks for `raw`.
 */
export function findingRecord(f: Finding, isResponse: bool): string {
  const e = f.entry;
  const c = f.candidate;
  const category = e.config.category;
  const w = new JsonWriter().begin()
    .str("category", e.config.name)
    .str("tag", category === null ? "" : category!.tag)
    .str("matcher_path", e.matcherPath)
    .str("direction", isResponse ? "response" : "request")
    .str("part", c.part == Part.Header ? "header" : "body")
    .str("header", c.header)
    .str("context", c.kind == ContextKind.Key ? "key" : "value")
    .str("path", c.path)
    .int("blob_idx", c.blobIdx)
    .int("offset", c.rawStart)
    .int("length", c.rawEnd - c.rawStart);
  const value = reportValue(<ReportStyle>e.reportStyle, e.reportBits, c.text);
  if (value === null) w.nul("value"); else w.str("value", value!);
  return w
    .str("report_style", REPORT_STYLE_NAMES[<i32>e.reportStyle])
    .str("action", ACTION_NAMES[<i32>e.config.action])
    .end();
}
