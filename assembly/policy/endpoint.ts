// Endpoints (spec §4.1): where (globs or a RuleFilter) and what (config entries, token and
// body extractors, exploit detection, report and search defaults).
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, isStringLike } from "./read";
import { Glob, parseGlob } from "./glob";
import { RuleFilter, readRuleFilter } from "./filters";
import { MatchConfig, readMatchConfig, readSearch, SEARCH_UNSET } from "./match-config";
import { readParser } from "./content-types";
import { readReportStyle, readReportBits, STYLE_UNSET, BITS_UNSET } from "./report";
import { TokenExtractor, readTokenExtractor } from "./token-extractor";
import { BodyExtractors, readBodyExtractors } from "./extractors";
import { ExploitDetection, readExploitDetection } from "./exploit-detection";

export class Endpoint {
  /** Declaration order among all endpoints (ties keep it, §4.3 step 3). */
  index: i32 = 0;
  /** `matches` as globs (any may match); `**` when absent (§4.1 Decision). */
  globs: Array<Glob> = [];
  /** `matches` as a RuleFilter; globs is then empty. */
  filter: RuleFilter | null = null;
  /** config entries in declaration order. */
  config: Array<MatchConfig> = [];
  reportStyle: i32 = STYLE_UNSET;
  reportBits: i32 = BITS_UNSET;
  search: i32 = SEARCH_UNSET;
  /** Forced body parser (BodyParser), -1 if unset. */
  contentTypeOverride: i32 = -1;
  tokenExtractor: TokenExtractor | null = null;
  exploitDetection: ExploitDetection | null = null;
  requestExtractors: BodyExtractors | null = null;
  responseExtractors: BodyExtractors | null = null;
  /** Entries `{}` for the built-in categories of exploitDetection (§4.6), filled by the
   *  policy loader; applied just before `config`. */
  exploitEntries: Array<MatchConfig> = [];
  /** Legacy `services` item this endpoint came from (-1: global). */
  serviceScope: i32 = -1;
  line: i32;
  column: i32;

  constructor(at: YamlNode) {
    this.line = at.line;
    this.column = at.column;
  }
}

/** One endpoint, or null after a warning. `nextGlobOrder` numbers globs for §5.3 key 6. */
export function readEndpoint(ctx: LoadContext, node: YamlNode, globOrder: GlobCounter): Endpoint | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "endpoint", "a map");
    return null;
  }
  const ep = new Endpoint(node);
  let haveMatches = false;
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    const key = k.text;
    if (key == "matches") {
      haveMatches = true;
      if (!readMatches(ctx, v, ep, globOrder)) {
        ctx.warn(k, "endpoint 'matches' holds nothing valid; endpoint dropped");
        return null;
      }
    } else if (key == "config") {
      if (v.kind == YamlKind.Null) continue;
      if (v.kind != YamlKind.Mapping) {
        ctx.wrongType(v, "endpoint config", "a map of key to match config");
        continue;
      }
      for (let j = 0; j < v.keys.length; j++) {
        const mc = readMatchConfig(ctx, v.keys[j], v.values[j]);
        if (mc !== null) ep.config.push(mc);
      }
    } else if (key == "report_style") ep.reportStyle = readReportStyle(ctx, v);
    else if (key == "report_bits") ep.reportBits = readReportBits(ctx, v);
    else if (key == "search") ep.search = readSearch(ctx, v);
    else if (key == "content_type_override") ep.contentTypeOverride = readParser(ctx, v, "content_type_override");
    else if (key == "token_extractor") ep.tokenExtractor = readTokenExtractor(ctx, v);
    else if (key == "exploit_detection") ep.exploitDetection = readExploitDetection(ctx, v);
    else if (key == "request_extractors") ep.requestExtractors = readBodyExtractors(ctx, v, "request_extractors");
    else if (key == "response_extractors") ep.responseExtractors = readBodyExtractors(ctx, v, "response_extractors");
    else ctx.unknownKey(k, "endpoint");
  }
  if (!haveMatches) {
    const g = parseGlob(ctx, node, "**");
    g!.order = globOrder.next();
    ep.globs.push(g!);
  }
  return ep;
}

/** Numbers globs in declaration order across the policy. */
export class GlobCounter {
  value: i32 = 0;
  next(): i32 {
    return this.value++;
  }
}

function readMatches(ctx: LoadContext, v: YamlNode, ep: Endpoint, globOrder: GlobCounter): bool {
  const isDirection = v.kind == YamlKind.String && (v.text == "response_outbound" || v.text == "response_inbound");
  if (v.tag.length == 0 && isStringLike(v) && !isDirection) return addGlob(ctx, v, ep, globOrder);
  if (v.kind == YamlKind.Sequence && v.tag.length == 0) {
    for (let i = 0; i < v.items.length; i++) {
      const it = v.items[i];
      if (!isStringLike(it)) {
        ctx.wrongType(it, "endpoint glob", "a string");
        continue;
      }
      addGlob(ctx, it, ep, globOrder);
    }
    return ep.globs.length > 0;
  }
  const f = readRuleFilter(ctx, v);
  if (f === null) return false;
  ep.filter = f;
  // Globs inside the filter take part in the specificity order too.
  const inner = new Array<Glob>();
  f.collectEndpointGlobs(inner);
  for (let i = 0; i < inner.length; i++) inner[i].order = globOrder.next();
  return true;
}

function addGlob(ctx: LoadContext, node: YamlNode, ep: Endpoint, globOrder: GlobCounter): bool {
  const g = parseGlob(ctx, node, node.text);
  if (g === null) return false;
  g.order = globOrder.next();
  ep.globs.push(g);
  return true;
}
