// Test harness (not part of the filter): exposes the parser to Node so that
// tests/node/yaml-differential.test.ts can compare it with the `yaml` package. Built to
// build/yaml-harness.wasm by that test (assembly/yaml/asconfig.json).
import { parseYaml, YamlNode, YamlKind } from "./index";

let input = new Uint8Array(0);

/** A buffer of `len` bytes for the next input; returns its address. */
export function inputBuffer(len: i32): usize {
  input = new Uint8Array(len);
  return input.dataStart;
}

/** Parses the input; returns JSON of the tree (mappings as {"m": [[key, value], ...]},
 *  keys by their text) or "ERR line:column: message". */
export function parseInput(): string {
  let doc = parseYaml(input);
  if (doc.root === null) return doc.errors.length > 0 ? "ERR " + doc.errors[0].toString() : "NOROOT";
  let out = new Array<string>();
  toJson(doc.root!, out);
  return out.join("");
}

/** The warnings of the last input's parse, one per line. */
export function warningsOf(): string {
  let doc = parseYaml(input);
  let lines = new Array<string>();
  for (let i = 0; i < doc.warnings.length; i++) lines.push(doc.warnings[i].toString());
  return lines.join("\n");
}

function toJson(n: YamlNode, out: Array<string>): void {
  switch (n.kind) {
    case YamlKind.Null: out.push("null"); break;
    case YamlKind.Bool: out.push(n.boolValue ? "true" : "false"); break;
    case YamlKind.Int: out.push(n.intValue.toString()); break;
    case YamlKind.Float: {
      let f = n.floatValue;
      if (isNaN(f)) out.push("\".nan\"");
      else if (!isFinite(f)) out.push(f > 0 ? "\".inf\"" : "\"-.inf\"");
      else out.push(f.toString());
      break;
    }
    case YamlKind.String: out.push(jsonString(n.text)); break;
    case YamlKind.Sequence: {
      out.push("[");
      for (let i = 0; i < n.items.length; i++) {
        if (i > 0) out.push(",");
        toJson(n.items[i], out);
      }
      out.push("]");
      break;
    }
    default: {
      out.push("{\"m\":[");
      for (let i = 0; i < n.keys.length; i++) {
        if (i > 0) out.push(",");
        let k = n.keys[i];
        out.push("[" + jsonString(k.isScalar() ? k.text : "?") + ",");
        toJson(n.values[i], out);
        out.push("]");
      }
      out.push("]}");
    }
  }
}

function jsonString(s: string): string {
  let parts = new Array<string>();
  parts.push("\"");
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c == 0x22 || c == 0x5C || c < 0x20) {
      parts.push(s.substring(run, i));
      if (c == 0x22) parts.push("\\\"");
      else if (c == 0x5C) parts.push("\\\\");
      else parts.push("\\u00" + (c < 16 ? "0" : "") + c.toString(16));
      run = i + 1;
    }
  }
  parts.push(s.substring(run));
  parts.push("\"");
  return parts.join("");
}
