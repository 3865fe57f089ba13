// Body parsers and the MIME → parser table (spec §2.2 `content_types`, §7.4). The table is
// the §7.4 defaults with the policy's entries merged over them; lookups use the MIME
// essence (before `;`, trimmed, lowercased).
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, isStringLike, asciiLower } from "./read";

export const enum BodyParser { Text, Json, Grpc, Msgpack, Filebeat, Fluentd, Tls, LlmApi, None }

export const PARSER_NAMES: Array<string> = ["text", "json", "grpc", "msgpack", "filebeat", "fluentd", "tls", "llm_api", "none"];

/** Parser by name; `html` is an alias of `text` (§2.2 Decision). -1 if unknown. */
export function parserByName(name: string): i32 {
  if (name == "html") return <i32>BodyParser.Text;
  return PARSER_NAMES.indexOf(name);
}

/** Reads a parser name, or -1 after a warning. */
export function readParser(ctx: LoadContext, node: YamlNode, what: string): i32 {
  if (!isStringLike(node)) {
    ctx.wrongType(node, what, "a parser name (" + PARSER_NAMES.join(", ") + ")");
    return -1;
  }
  const p = parserByName(node.text);
  if (p < 0) ctx.warn(node, "unknown parser '" + node.text + "' in " + what + " (expected one of " + PARSER_NAMES.join(", ") + ", html); " + ctx.outcome);
  return p;
}

export class ContentTypeEntry {
  constructor(public mime: string, public parser: BodyParser) {}
}

const TEXT_MIMES: Array<string> = [
  "text/html", "text/plain", "text/xml", "application/xml", "application/soap+xml", "application/atom+xml",
  "application/xhtml+xml", "application/vnd.mozilla.xul+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

export function defaultContentTypes(): Array<ContentTypeEntry> {
  const out = new Array<ContentTypeEntry>();
  for (let i = 0; i < TEXT_MIMES.length; i++) out.push(new ContentTypeEntry(TEXT_MIMES[i], BodyParser.Text));
  out.push(new ContentTypeEntry("application/grpc", BodyParser.Grpc));
  out.push(new ContentTypeEntry("application/grpc+proto", BodyParser.Grpc));
  out.push(new ContentTypeEntry("application/json", BodyParser.Json));
  out.push(new ContentTypeEntry("application/ld+json", BodyParser.Json));
  return out;
}

export function mimeEssence(contentType: string): string {
  const semi = contentType.indexOf(";");
  return asciiLower((semi >= 0 ? contentType.substring(0, semi) : contentType).trim());
}

/** The parser for a content-type header value; None (not scanned) when unlisted (§7.4). */
export function parserFor(table: Array<ContentTypeEntry>, contentType: string): BodyParser {
  const essence = mimeEssence(contentType);
  for (let i = 0; i < table.length; i++) if (table[i].mime == essence) return table[i].parser;
  return BodyParser.None;
}

/** `content_types`: a map MIME → parser, or a list of one-entry maps, merged over `table`. */
export function readContentTypes(ctx: LoadContext, node: YamlNode, table: Array<ContentTypeEntry>): void {
  if (node.kind == YamlKind.Mapping) {
    for (let i = 0; i < node.keys.length; i++) mergeEntry(ctx, table, node.keys[i], node.values[i]);
    return;
  }
  if (node.kind == YamlKind.Sequence) {
    for (let i = 0; i < node.items.length; i++) {
      const it = node.items[i];
      if (it.kind != YamlKind.Mapping || it.keys.length != 1) {
        ctx.wrongType(it, "content_types entry", "a one-entry map MIME: parser");
        continue;
      }
      mergeEntry(ctx, table, it.keys[0], it.values[0]);
    }
    return;
  }
  ctx.wrongType(node, "content_types", "a map of MIME type to parser, or a list of such maps");
}

function mergeEntry(ctx: LoadContext, table: Array<ContentTypeEntry>, keyNode: YamlNode, value: YamlNode): void {
  const p = readParser(ctx, value, "content_types '" + keyNode.text + "'");
  if (p < 0) return;
  if (p == <i32>BodyParser.Filebeat || p == <i32>BodyParser.Fluentd || p == <i32>BodyParser.Tls) {
    ctx.warn(value, "parser '" + value.text + "' behaves as none for HTTP traffic");
  }
  const mime = mimeEssence(keyNode.text);
  for (let i = 0; i < table.length; i++) {
    if (table[i].mime == mime) {
      table[i].parser = <BodyParser>p;
      return;
    }
  }
  table.push(new ContentTypeEntry(mime, <BodyParser>p));
}
