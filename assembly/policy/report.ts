// Report style and bits (spec §2.2, §4.3, §8.3), settable at three levels: root, endpoint,
// config entry. "Unset" is a sentinel so resolution can fall through the levels.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, readEnum } from "./read";

export const enum ReportStyle { Raw, PartialSha256, Sha256, None }
export const REPORT_STYLE_NAMES: Array<string> = ["raw", "partial_sha256", "sha256", "none"];

/** Sentinels for "not set at this level". */
export const STYLE_UNSET: i32 = -1;
export const BITS_UNSET: i32 = 0;
/** §2.2 Decision: 32 bits when no level sets report_bits. */
export const DEFAULT_REPORT_BITS: i32 = 32;

export function readReportStyle(ctx: LoadContext, node: YamlNode): i32 {
  return readEnum(ctx, node, "report_style", REPORT_STYLE_NAMES);
}

/** report_bits: an integer, clamped to 1–256 (§8.3) with a warning; BITS_UNSET if not a number. */
export function readReportBits(ctx: LoadContext, node: YamlNode): i32 {
  if (node.kind != YamlKind.Int) {
    ctx.wrongType(node, "report_bits", "an integer 1-256");
    return BITS_UNSET;
  }
  const v = node.intValue;
  if (v < 1) {
    ctx.warn(node, "report_bits " + node.text + " is below 1; clamped to 1");
    return 1;
  }
  if (v > 256) {
    ctx.warn(node, "report_bits " + node.text + " is above 256; clamped to 256");
    return 256;
  }
  return <i32>v;
}
