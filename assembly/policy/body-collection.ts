// Body collection (spec §6.6): which bodies go, sampled and unredacted, to the upstream.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, readEnum, readNumber, oneOrMore } from "./read";
import { RuleFilter, readRuleFilter } from "./filters";

export const COLLECTION_MODE_NAMES: Array<string> = ["request_only", "response_only", "all", "downstream_only", "upstream_only"];
export const enum CollectionMode { RequestOnly, ResponseOnly, All, DownstreamOnly, UpstreamOnly }

export class BodyCollection {
  mode: CollectionMode = CollectionMode.All;
  sampleRate: f64 = 0;
  maxBodyCollectionMb: f64 = 16.0;
  filter: RuleFilter | null = null;
}

export function readBodyCollection(ctx: LoadContext, node: YamlNode, out: Array<BodyCollection>): void {
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const b = readItem(ctx, items[i]);
    if (b !== null) out.push(b);
  }
}

function readItem(ctx: LoadContext, node: YamlNode): BodyCollection | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "body_collection item", "a map {mode, sample_rate, max_body_collection_mb, filter}");
    return null;
  }
  const b = new BodyCollection();
  let haveRate = false;
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    if (k.text == "mode") {
      const m = readEnum(ctx, v, "body_collection mode", COLLECTION_MODE_NAMES);
      if (m < 0) return null;
      b.mode = <CollectionMode>m;
    } else if (k.text == "sample_rate") {
      const r = readNumber(ctx, v, "sample_rate", 0, 1);
      if (isNaN(r)) return null;
      b.sampleRate = r;
      haveRate = true;
    } else if (k.text == "max_body_collection_mb") {
      const mb = readNumber(ctx, v, "max_body_collection_mb", -Infinity, Infinity);
      if (isNaN(mb)) return null;
      if (mb < 0) {
        ctx.warn(v, "max_body_collection_mb is negative; item dropped");
        return null;
      }
      b.maxBodyCollectionMb = mb;
    } else if (k.text == "filter") {
      b.filter = readRuleFilter(ctx, v);
      if (b.filter === null) return null;
    } else ctx.unknownKey(k, "body_collection item");
  }
  if (!haveRate) {
    ctx.warn(node, "body_collection item needs sample_rate; item dropped");
    return null;
  }
  return b;
}
