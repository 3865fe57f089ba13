// SBAC items (spec §6.4): a RuleFilter checked at a stage and every later one; a pass blocks.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, isStringLike, readEnum, oneOrMore } from "./read";
import { RuleFilter, readRuleFilter } from "./filters";

/** Stages numbered 1–11 as in the spec; 0 (`any`, the default) means every stage. */
export const SBAC_STAGE_NAMES: Array<string> = [
  "any", "pre_request_headers", "on_request_header_chunk", "post_request_headers", "on_request_body_chunk",
  "post_request_body", "on_response_header_chunk", "post_response_headers", "on_response_body_chunk",
  "post_response_body", "on_response_trailer_chunk", "post_response_trailers",
];
export const SBAC_STAGE_ANY: i32 = 0;

export class SbacItem {
  /** null when absent or written `name: null`: the block header then carries the index. */
  name: string | null = null;
  stage: i32 = SBAC_STAGE_ANY;
  filter: RuleFilter;
  /** Position among the loaded items. */
  index: i32 = 0;
  line: i32;
  column: i32;

  constructor(filter: RuleFilter, at: YamlNode) {
    this.filter = filter;
    this.line = at.line;
    this.column = at.column;
  }

  /** What `x-sbac-rule` carries (§6.4). */
  get label(): string {
    const n = this.name;
    return n !== null ? n : this.index.toString();
  }

  /** Checked at `stage` (1–11)? At the item's stage and every later one. */
  activeAt(stage: i32): bool {
    return this.stage == SBAC_STAGE_ANY || stage >= this.stage;
  }
}

export function readSbac(ctx: LoadContext, node: YamlNode): Array<SbacItem> {
  const out = new Array<SbacItem>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const item = readSbacItem(ctx, items[i]);
    if (item !== null) {
      // The index as written, so `x-sbac-rule` names the item the user sees.
      item.index = i;
      out.push(item);
    }
  }
  return out;
}

function readSbacItem(ctx: LoadContext, node: YamlNode): SbacItem | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "sbac item", "a map {name?, stage?, filter}");
    return null;
  }
  const f = node.get("filter");
  if (f === null) {
    ctx.warn(node, "sbac item needs a filter; item dropped");
    return null;
  }
  const filter = readRuleFilter(ctx, f);
  if (filter === null) {
    ctx.warn(node, "sbac item dropped: its filter is invalid");
    return null;
  }
  const item = new SbacItem(filter, node);
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    if (k.text == "name") {
      if (v.kind == YamlKind.Null) item.name = null;
      else if (isStringLike(v)) item.name = v.text;
      else {
        ctx.wrongType(v, "sbac name", "a string or null");
        return null;
      }
    } else if (k.text == "stage") {
      const s = readEnum(ctx, v, "sbac stage", SBAC_STAGE_NAMES);
      if (s < 0) return null;
      item.stage = s;
    } else if (k.text != "filter") ctx.unknownKey(k, "sbac item");
  }
  return item;
}
