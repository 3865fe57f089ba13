// Body extractors (spec §4.5): `request_extractors` / `response_extractors`. Each named
// extractor is a list of alternatives (paths + optional regex), parsed once at load.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, isStringLike, oneOrMore, readBool } from "./read";
import { JsonPath, parseMatchPathPattern } from "./json-path";
import { checkRegex, RegexVerdict } from "./regex-check";

export class ExtractorAlternative {
  paths: Array<JsonPath> = [];
  /** "" = keep the scalar; else replace it by group 1 or the whole match, skip on no match. */
  regex: string = "";
}

export class BodyExtractor {
  constructor(public name: string, public alternatives: Array<ExtractorAlternative>) {}
}

export class BodyExtractors {
  /** Extract even from JSON documents that hold no match. */
  includeAll: bool = false;
  entries: Array<BodyExtractor> = [];

  get(name: string): BodyExtractor | null {
    for (let i = 0; i < this.entries.length; i++) if (this.entries[i].name == name) return this.entries[i];
    return null;
  }
}

export function readBodyExtractors(ctx: LoadContext, node: YamlNode, what: string): BodyExtractors | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, what, "a map of name to extractor, or {extractors, include_all}");
    return null;
  }
  const out = new BodyExtractors();
  let map = node;
  const inner = node.get("extractors");
  if (inner !== null && inner.kind == YamlKind.Mapping) {
    // {extractors: map, include_all: bool}
    map = inner;
    for (let i = 0; i < node.keys.length; i++) {
      const k = node.keys[i];
      if (k.text == "include_all") out.includeAll = readBool(ctx, node.values[i], "include_all", false);
      else if (k.text != "extractors") ctx.unknownKey(k, what);
    }
  }
  for (let i = 0; i < map.keys.length; i++) {
    const e = readBodyExtractor(ctx, map.keys[i], map.values[i]);
    if (e !== null) out.entries.push(e);
  }
  return out;
}

/** A path, `{path, regex}`, or a list mixing both; null (warned) drops this extractor. */
function readBodyExtractor(ctx: LoadContext, keyNode: YamlNode, node: YamlNode): BodyExtractor | null {
  const alts = new Array<ExtractorAlternative>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    const alt = new ExtractorAlternative();
    if (isStringLike(it)) {
      if (!addPath(ctx, it, alt)) return droppedExtractor(ctx, keyNode);
    } else if (it.kind == YamlKind.Mapping) {
      const p = it.get("path");
      if (p === null) {
        ctx.warn(it, "body extractor '" + keyNode.text + "' needs a path");
        return droppedExtractor(ctx, keyNode);
      }
      const paths = oneOrMore(p);
      for (let j = 0; j < paths.length; j++) if (!addPath(ctx, paths[j], alt)) return droppedExtractor(ctx, keyNode);
      for (let j = 0; j < it.keys.length; j++) {
        const k = it.keys[j];
        if (k.text == "regex") {
          const r = it.values[j];
          if (!isStringLike(r)) {
            ctx.wrongType(r, "extractor regex", "a string");
            return droppedExtractor(ctx, keyNode);
          }
          if (checkRegex(ctx, r, r.text, "extractor regex") != RegexVerdict.Ok) return droppedExtractor(ctx, keyNode);
          alt.regex = r.text;
        } else if (k.text != "path") ctx.unknownKey(k, "body extractor '" + keyNode.text + "'");
      }
    } else {
      ctx.wrongType(it, "body extractor '" + keyNode.text + "'", "a path, {path, regex}, or a list of those");
      return droppedExtractor(ctx, keyNode);
    }
    alts.push(alt);
  }
  if (alts.length == 0) {
    ctx.warn(keyNode, "body extractor '" + keyNode.text + "' is empty; dropped");
    return null;
  }
  return new BodyExtractor(keyNode.text, alts);
}

function addPath(ctx: LoadContext, node: YamlNode, alt: ExtractorAlternative): bool {
  if (!isStringLike(node)) {
    ctx.wrongType(node, "extractor path", "a JSON path pattern");
    return false;
  }
  const p = parseMatchPathPattern(node.text);
  if (!p.ok) {
    ctx.warn(node, "extractor path '" + node.text + "' is invalid: " + p.error);
    return false;
  }
  alt.paths.push(p);
  return true;
}

function droppedExtractor(ctx: LoadContext, keyNode: YamlNode): BodyExtractor | null {
  ctx.warn(keyNode, "body extractor '" + keyNode.text + "' dropped");
  return null;
}

/** Per-key merge (§4.1): entries of `specific` replace those of `general` with the same name. */
export function mergeBodyExtractors(general: BodyExtractors | null, specific: BodyExtractors | null): BodyExtractors | null {
  if (general === null) return specific;
  if (specific === null) return general;
  const out = new BodyExtractors();
  out.includeAll = specific.includeAll || general.includeAll;
  for (let i = 0; i < general.entries.length; i++) {
    const e = general.entries[i];
    if (specific.get(e.name) === null) out.entries.push(e);
  }
  for (let i = 0; i < specific.entries.length; i++) out.entries.push(specific.entries[i]);
  return out;
}
