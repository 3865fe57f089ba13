import { YamlNode, YamlKind, parseYaml } from "../yaml/index";
import { ConfigProblems } from "./diagnostics";
import { BROTLI_WINDOW_CAP } from "../codec/brotli";

/** Which way traffic flows relative to the local service (spec §1 `direction`). */
export const enum Direction { Auto, Inbound, Outbound }

/**
 * The plugin configuration (spec §1): what Envoy hands to proxy_on_configure as a
 * StringValue holding YAML or JSON. Defaults are those of a LeakSignal configuration that
 * does not mention the product extensions.
 */
export class PluginConfig {
  /** The policy given inline, as a YAML node (a map, or a string holding YAML). */
  localPolicy: YamlNode | null = null;
  upstreamCluster: string = "";
  upstreamHost: string = "";
  upstreamUrl: string = "";
  apiKey: string = "";
  deploymentName: string = "";
  enableMetrics: bool = true;
  maxBodyBytes: i64 = 16777216;
  maxBufferBytes: i64 = 1048576;
  direction: Direction = Direction.Auto;
  metricsIdentityLabels: bool = false;
  regexStepBudget: i64 = 1000000;
  /**
   * Hold header blocks while a body is enforced (block/redact), so a block is a 403 before
   * anything goes on and a redacted body gets a correct content-length. Envoy delivers body
   * callbacks to a filter holding headers only with `allow_on_headers_stop_iteration: true`
   * (Envoy >= 1.35); without it the body would stall, so this is off by default.
   */
  holdHeaders: bool = false;
  /**
   * The most history a `br` body may make the filter keep, per stream (a power of two from
   * 1 KiB to 16 MiB; other values round down). A stream referring farther back is flagged
   * (encoding_error) and passed on unscanned. Default 4 MiB, the encoder's default window.
   */
  brotliWindowBytes: i32 = BROTLI_WINDOW_CAP;

  hasUpstream(): bool {
    return this.upstreamCluster.length > 0 || this.upstreamUrl.length > 0;
  }
}

export class PluginConfigResult {
  config: PluginConfig | null = null;
  problems: ConfigProblems = new ConfigProblems();
}

/**
 * Parses the bytes of a plugin configuration. An empty (or all-whitespace) configuration
 * means every key is absent. Fatal: YAML that does not parse, or a top level that is not a
 * map. Everything else is lenient: a wrong type or unknown key warns and keeps the default.
 */
export function parsePluginConfig(bytes: Uint8Array): PluginConfigResult {
  const out = new PluginConfigResult();
  if (isBlank(bytes)) {
    out.config = new PluginConfig();
    return out;
  }
  const doc = parseYaml(bytes);
  for (let i = 0; i < doc.warnings.length; i++) {
    const w = doc.warnings[i];
    out.problems.warn(w.line, w.column, w.message);
  }
  if (doc.errors.length > 0 || doc.root === null) {
    for (let i = 0; i < doc.errors.length; i++) {
      const e = doc.errors[i];
      out.problems.fail(e.line, e.column, "invalid YAML: " + e.message);
    }
    if (doc.errors.length == 0) out.problems.fail(1, 1, "invalid YAML: no document");
    return out;
  }
  const root = doc.root!;
  if (root.kind == YamlKind.Null) {
    out.config = new PluginConfig();
    return out;
  }
  if (root.kind != YamlKind.Mapping) {
    out.problems.fail(root.line, root.column, "plugin configuration must be a map, found " + kindName(root.kind));
    return out;
  }
  out.config = readPluginConfig(root, out.problems);
  return out;
}

function readPluginConfig(root: YamlNode, problems: ConfigProblems): PluginConfig {
  const config = new PluginConfig();
  for (let i = 0; i < root.keys.length; i++) {
    const keyNode = root.keys[i];
    const value = root.values[i];
    const key = keyNode.text;
    if (key == "local_policy") {
      if (value.kind == YamlKind.Mapping || value.kind == YamlKind.String) config.localPolicy = value;
      else if (value.kind != YamlKind.Null) wrongType(problems, value, key, "a policy map or a YAML string");
    } else if (key == "upstream_cluster") config.upstreamCluster = readString(problems, key, value, config.upstreamCluster);
    else if (key == "upstream_host") config.upstreamHost = readString(problems, key, value, config.upstreamHost);
    else if (key == "upstream_url") config.upstreamUrl = readUrl(problems, key, value, config.upstreamUrl);
    else if (key == "api_key") config.apiKey = readString(problems, key, value, config.apiKey);
    else if (key == "deployment_name") config.deploymentName = readString(problems, key, value, config.deploymentName);
    else if (key == "enable_metrics") config.enableMetrics = readBool(problems, key, value, config.enableMetrics);
    else if (key == "streaming") {
      if (readBool(problems, key, value, false)) problems.warn(value.line, value.column, "'streaming: true' (LeakSignal L4 mode) is not supported; HTTP inspection stays on");
    } else if (key == "group" || key == "mode") {
      problems.warn(keyNode.line, keyNode.column, "legacy key '" + key + "' is ignored");
    } else if (key == "max_body_bytes") config.maxBodyBytes = readCount(problems, key, value, config.maxBodyBytes);
    else if (key == "max_buffer_bytes") config.maxBufferBytes = readCount(problems, key, value, config.maxBufferBytes);
    else if (key == "direction") config.direction = readDirection(problems, value, config.direction);
    else if (key == "metrics_identity_labels") config.metricsIdentityLabels = readBool(problems, key, value, config.metricsIdentityLabels);
    else if (key == "regex_step_budget") config.regexStepBudget = readCount(problems, key, value, config.regexStepBudget);
    else if (key == "hold_headers") config.holdHeaders = readBool(problems, key, value, config.holdHeaders);
    else if (key == "brotli_window_bytes") config.brotliWindowBytes = readWindow(problems, key, value, config.brotliWindowBytes);
    else problems.warn(keyNode.line, keyNode.column, "unknown plugin configuration key '" + key + "' is ignored");
  }
  if (config.upstreamCluster.length > 0 && config.upstreamUrl.length > 0) {
    problems.warn(root.line, root.column, "both upstream_cluster and upstream_url are set; upstream_url is ignored");
  }
  return config;
}

function readString(problems: ConfigProblems, key: string, value: YamlNode, fallback: string): string {
  // Spec §2.1: where a string is expected, any scalar is taken as its source text.
  if (value.isScalar() && value.kind != YamlKind.Null) return value.text;
  if (value.kind == YamlKind.Null) return fallback;
  wrongType(problems, value, key, "a string");
  return fallback;
}

function readBool(problems: ConfigProblems, key: string, value: YamlNode, fallback: bool): bool {
  if (value.kind == YamlKind.Bool) return value.boolValue;
  wrongType(problems, value, key, "true or false");
  return fallback;
}

function readCount(problems: ConfigProblems, key: string, value: YamlNode, fallback: i64): i64 {
  if (value.kind == YamlKind.Int && value.intValue >= 0) return value.intValue;
  wrongType(problems, value, key, "a whole number >= 0");
  return fallback;
}

// A window size: a whole number rounded down to a power of two in [1 KiB, 16 MiB].
function readWindow(problems: ConfigProblems, key: string, value: YamlNode, fallback: i32): i32 {
  const n = readCount(problems, key, value, -1);
  if (n < 0) return fallback;
  if (n < 1024 || n > 16 << 20) {
    problems.warn(value.line, value.column, "'" + key + "' must be between 1024 and 16777216, found " + n.toString() + "; " + (n < 1024 ? "1024" : "16777216") + " is used");
    return n < 1024 ? 1024 : 16 << 20;
  }
  let w: i32 = 1024;
  while (<i64>(w << 1) <= n) w <<= 1;
  return w;
}

function readUrl(problems: ConfigProblems, key: string, value: YamlNode, fallback: string): string {
  const url = readString(problems, key, value, fallback);
  if (url.length > 0 && !url.startsWith("http://") && !url.startsWith("https://")) {
    problems.warn(value.line, value.column, "'" + key + "' must start with http:// or https://, found '" + url + "'; ignored");
    return fallback;
  }
  return url;
}

function readDirection(problems: ConfigProblems, value: YamlNode, fallback: Direction): Direction {
  if (value.kind == YamlKind.String) {
    if (value.text == "auto") return Direction.Auto;
    if (value.text == "inbound") return Direction.Inbound;
    if (value.text == "outbound") return Direction.Outbound;
  }
  problems.warn(value.line, value.column, "'direction' must be auto, inbound or outbound; keeping the default");
  return fallback;
}

function wrongType(problems: ConfigProblems, value: YamlNode, key: string, expected: string): void {
  problems.warn(value.line, value.column, "'" + key + "' must be " + expected + ", found " + kindName(value.kind) + "; ignored");
}

export function kindName(kind: YamlKind): string {
  switch (kind) {
    case YamlKind.Null: return "null";
    case YamlKind.Bool: return "a boolean";
    case YamlKind.Int: return "an integer";
    case YamlKind.Float: return "a number";
    case YamlKind.String: return "a string";
    case YamlKind.Sequence: return "a list";
    case YamlKind.Mapping: return "a map";
  }
  return "unknown";
}

function isBlank(bytes: Uint8Array): bool {
  for (let i = 0; i < bytes.length; i++) {
    const c = unchecked(bytes[i]);
    if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) return false;
  }
  return true;
}
