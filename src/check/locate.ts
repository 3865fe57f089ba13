import { parseAllDocuments, isMap, isScalar, isSeq, Scalar, LineCounter, type Node, type YAMLMap, type Pair } from "yaml";

/**
 * Where a piece of text that the filter will parse sits in the file the user gave us, so a
 * position the filter reports (line:column of the configuration string) can be shown as a
 * position in that file.
 */
export interface TextOrigin {
  /** Maps a 1-based line:column of the text to the file; null when it cannot (e.g. a quoted string). */
  toFile(line: number, column: number): { line: number; column: number } | null;
  /** What the text is, for messages: "plugin configuration at 12:9". */
  describe: string;
}

export interface LocatedConfiguration {
  /** The plugin configuration text, exactly as Envoy would pass it to the filter. */
  configuration: string;
  origin: TextOrigin;
  kind: "policy" | "plugin-configuration" | "envoy" | "istio-wasmplugin" | "istio-envoyfilter";
}

const WASM_FILTER_TYPE = "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm";
const POLICY_KEYS = new Set(["categories", "endpoints", "sbac", "rules", "ratelimits", "report_style", "path_groups", "content_types", "body_collection"]);
const PLUGIN_KEYS = new Set(["local_policy", "upstream_cluster", "upstream_url", "upstream_host", "api_key", "deployment_name"]);

const identity = (lineOffset: number, columnOffset: number): TextOrigin["toFile"] =>
  (line, column) => ({ line: line + lineOffset, column: line === 1 ? column + columnOffset : column + columnOffset });

/**
 * Finds every filter configuration in a file: a bare policy (wrapped as local_policy), a plugin
 * configuration, an Envoy config with envoy.filters.http.wasm filters, an Istio WasmPlugin
 * (pluginConfig) or EnvoyFilter (patch values). Throws with a position when the file is not
 * YAML, and when nothing in it looks like one of those.
 */
export function locateConfigurations(source: string, file: string): LocatedConfiguration[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(source, { lineCounter, uniqueKeys: false });
  if (!Array.isArray(docs)) throw new Error(`${file}: empty YAML stream`);
  const found: LocatedConfiguration[] = [];
  const pos = (offset: number): { line: number; col: number } => lineCounter.linePos(offset);

  for (const doc of docs) {
    if (doc.errors.length) {
      const e = doc.errors[0];
      // Not our YAML to judge: a bare policy or plugin configuration is passed to the filter as
      // is, so its own parser reports the problem (with the same position).
      if (docs.length === 1) return [{ configuration: source, origin: { toFile: identity(0, 0), describe: "plugin configuration" }, kind: "plugin-configuration" }];
      throw new Error(`${file}:${e.linePos?.[0].line}:${e.linePos?.[0].col}: ${e.message}`);
    }
    const root = doc.contents as Node | null;
    if (!isMap(root)) continue;
    const keys = new Set(root.items.map((p) => String(isScalar(p.key) ? (p.key as Scalar).value : "")));
    if (keys.has("kind") && String(root.get("kind")) === "WasmPlugin") {
      const config = root.getIn(["spec", "pluginConfig"], true) as Node | undefined;
      if (config) found.push(fromNode(config, source, pos, "istio-wasmplugin", "WasmPlugin spec.pluginConfig"));
      continue;
    }
    walk(root, (node) => {
      if (!isMap(node) || String(node.get("@type")) !== WASM_FILTER_TYPE) return;
      const configuration = node.getIn(["config", "configuration"], true) as Node | undefined;
      const kind = keys.has("kind") && String(root.get("kind")) === "EnvoyFilter" ? "istio-envoyfilter" : "envoy";
      if (!configuration || !isMap(configuration)) return;
      const type = String(configuration.get("@type"));
      const value = configuration.get("value", true) as Node | undefined;
      if (!value) return;
      if (type.endsWith("google.protobuf.StringValue") || type.endsWith("google.protobuf.BytesValue")) {
        if (isScalar(value)) found.push(fromStringScalar(value, source, pos, kind));
      } else if (type.endsWith("google.protobuf.Struct")) {
        found.push(fromNode(value, source, pos, kind, "Struct configuration"));
      }
    });
    if (found.length === 0 && [...keys].some((k) => POLICY_KEYS.has(k))) {
      // A bare policy: the filter sees it as local_policy, a string whose lines are the file's.
      found.push({ configuration: `local_policy: ${JSON.stringify(source)}\n`, origin: { toFile: identity(0, 0), describe: "policy" }, kind: "policy" });
    } else if (found.length === 0 && [...keys].some((k) => PLUGIN_KEYS.has(k))) {
      found.push({ configuration: source, origin: { toFile: identity(0, 0), describe: "plugin configuration" }, kind: "plugin-configuration" });
    }
  }
  if (found.length === 0) throw new Error(`${file}: no leakscope policy, plugin configuration, Envoy wasm filter or Istio WasmPlugin/EnvoyFilter found`);
  return found;
}

function walk(node: unknown, visit: (node: Node) => void): void {
  if (isMap(node)) { visit(node); for (const pair of (node as YAMLMap).items) walk((pair as Pair).value, visit); }
  else if (isSeq(node)) for (const item of node.items) walk(item, visit);
}

/** A configuration given as a string. A block scalar (`|`) keeps the file's lines; a quoted one cannot be mapped. */
function fromStringScalar(node: Scalar, source: string, pos: (o: number) => { line: number; col: number }, kind: LocatedConfiguration["kind"]): LocatedConfiguration {
  const text = String(node.value);
  const start = pos(node.range![0]);
  if (node.type === Scalar.BLOCK_LITERAL) {
    // Content starts on the line after the indicator; its indentation is that of the first content line.
    const firstLineStart = source.indexOf("\n", node.range![0]) + 1;
    const indent = /^ */.exec(source.slice(firstLineStart))![0].length;
    return { configuration: text, kind, origin: { describe: `configuration string at ${start.line}:${start.col}`, toFile: (l, c) => ({ line: start.line + l, column: c + indent }) } };
  }
  return { configuration: text, kind, origin: { describe: `configuration string at ${start.line}:${start.col}`, toFile: () => null } };
}

/** A configuration given as YAML structure (Struct, pluginConfig): pass its own source text, dedented, so positions map back. */
function fromNode(node: Node, source: string, pos: (o: number) => { line: number; col: number }, kind: LocatedConfiguration["kind"], what: string): LocatedConfiguration {
  const [from, , to] = node.range!;
  const start = pos(from);
  const lineStart = source.lastIndexOf("\n", from - 1) + 1;
  const isBlock = source.slice(lineStart, from).trim() === "";
  if (!isBlock) {
    // flow style ({...}) on the key's line: JSON-compatible text as is, positions on that line shift by the column
    const text = source.slice(from, to);
    return { configuration: text, kind, origin: { describe: `${what} at ${start.line}:${start.col}`, toFile: (l, c) => ({ line: start.line + l - 1, column: l === 1 ? c + start.col - 1 : c }) } };
  }
  const indent = from - lineStart;
  const lines = source.slice(lineStart, to).split("\n").map((line) => line.slice(Math.min(indent, /^ */.exec(line)![0].length)));
  return { configuration: lines.join("\n"), kind, origin: { describe: `${what} at ${start.line}:${start.col}`, toFile: (l, c) => ({ line: start.line + l - 1, column: c + indent }) } };
}
