import { parseDocument, isScalar, isMap, isSeq, YAMLMap, Scalar, type Node, type Document } from "yaml";

/**
 * Parses a policy the way the filter reads it, into plain JSON data: a local tag is the
 * one-key map of spec §0 (`!internal x` ≡ `{internal: x}`, `!redact "#"` ≡ `{redact: "#"}`,
 * also on maps and lists), and a plain scalar keeps the core-schema type. Used for the JSON
 * Schema (editors see the same shapes) and by tooling; the filter has its own parser.
 */
export function policyToJson(source: string): { value: unknown; errors: string[] } {
  const doc: Document = parseDocument(source, { uniqueKeys: false, version: "1.2", schema: "core" });
  const errors = doc.errors.map((e) => `${e.linePos?.[0].line ?? 0}:${e.linePos?.[0].col ?? 0}: ${e.message}`);
  if (errors.length > 0) return { value: undefined, errors };
  return { value: convert(doc.contents as Node | null), errors: [] };
}

function localTag(node: Node): string | undefined {
  const tag = (node as { tag?: string }).tag;
  return tag && tag.startsWith("!") && !tag.startsWith("!!") && !tag.startsWith("tag:") ? tag.slice(1) : undefined;
}

function convert(node: Node | null): unknown {
  if (node === null) return null;
  let value: unknown;
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of (node as YAMLMap).items) {
      const key = pair.key === null ? "" : String(isScalar(pair.key) ? (pair.key as Scalar).source ?? (pair.key as Scalar).value : convert(pair.key as Node));
      out[key] = convert(pair.value as Node | null);
    }
    value = out;
  } else if (isSeq(node)) {
    value = node.items.map((item) => convert(item as Node | null));
  } else if (isScalar(node)) {
    value = localTag(node) !== undefined && (node as Scalar).value === "" ? null : (node as Scalar).value;
  } else {
    value = (node as { toJSON(): unknown }).toJSON();
  }
  const tag = localTag(node);
  return tag === undefined ? value : { [tag]: value };
}
