import { ReportStyle } from "../policy/report";
import { Sha256, toHex, partialHex } from "../crypto/sha256";

const hasher = new Sha256();

/**
 * The reported value of a match (spec §8.3): the text itself, its SHA-256 as 64 uppercase
 * hex characters, the first report_bits bits of that digest, or nothing (null).
 */
export function reportValue(style: ReportStyle, bits: i32, text: string): string | null {
  if (style == ReportStyle.Raw) return text;
  if (style == ReportStyle.None) return null;
  hasher.reset();
  hasher.updateString(text);
  const digest = hasher.digest();
  return style == ReportStyle.Sha256 ? toHex(digest) : partialHex(digest, bits);
}
