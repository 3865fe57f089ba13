import { BodyExtractors } from "../policy/extractors";
import { ValueObserver } from "../matching/message-matcher";
import { ScanParser } from "../parsers/parser";
import { CaptureRegex } from "../token/capture-regex";
import { JsonWriter } from "../util/json-writer";

/** One extracted value: `{key, value, blob_idx}` of spec §4.5. */
export class ExtractedValue {
  constructor(public key: string, public value: string, public blobIdx: i32) {}
}

/**
 * Body extractors (spec §4.5): each JSON scalar at a path an extractor names is kept (through
 * its regex: group 1, else the whole match; a scalar that does not match is skipped). Only
 * documents (blob_idx) that hold a match keep their values, unless include_all.
 * Bounded: at most MAX_VALUES values per message.
 */
export class BodyExtraction extends ValueObserver {
  values: Array<ExtractedValue> = [];
  private regexes: Array<Array<CaptureRegex | null>> = [];
  static readonly MAX_VALUES: i32 = 256;

  constructor(public extractors: BodyExtractors, public parser: ScanParser) {
    super();
    for (let i = 0; i < extractors.entries.length; i++) {
      const alts = extractors.entries[i].alternatives;
      const compiled = new Array<CaptureRegex | null>();
      for (let k = 0; k < alts.length; k++) compiled.push(alts[k].regex.length > 0 ? CaptureRegex.compile(alts[k].regex) : null);
      this.regexes.push(compiled);
    }
  }

  onValue(ptr: usize, len: i32, blobIdx: i32): void {
    if (this.values.length >= BodyExtraction.MAX_VALUES) return;
    const entries = this.extractors.entries;
    for (let i = 0; i < entries.length; i++) {
      const alts = entries[i].alternatives;
      for (let k = 0; k < alts.length; k++) {
        let hit = false;
        for (let p = 0; p < alts[k].paths.length && !hit; p++) hit = this.parser.matchesPath(alts[k].paths[p]);
        if (!hit) continue;
        let value = String.UTF8.decodeUnsafe(ptr, <usize>len);
        const re = this.regexes[i][k];
        if (re !== null) {
          const found = re.search(value);
          if (found === null) continue;
          value = found!;
        }
        this.values.push(new ExtractedValue(entries[i].name, value, blobIdx));
        break; // first alternative that applies
      }
    }
  }

  /** body_metadata as JSON, keeping documents with a match (`matchedBlobs`) unless include_all. */
  toJson(matchedBlobs: Array<i32>): string {
    const parts = new Array<string>();
    for (let i = 0; i < this.values.length; i++) {
      const v = this.values[i];
      if (!this.extractors.includeAll && !matchedBlobs.includes(v.blobIdx)) continue;
      parts.push(new JsonWriter().begin().str("key", v.key).str("value", v.value).int("blob_idx", v.blobIdx).end());
    }
    return "[" + parts.join(",") + "]";
  }
}
