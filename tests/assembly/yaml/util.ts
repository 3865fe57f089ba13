// Helpers shared by the YAML specs.
import { parseYamlString, YamlNode, YamlDocument } from "../../../assembly/yaml";

/** Parses `src` and expects success; returns the root. */
export function parseOk(src: string): YamlNode {
  let doc = parseYamlString(src);
  if (doc.errors.length > 0) trace("unexpected YAML error: " + doc.errors[0].toString());
  expect(doc.errors.length).toBe(0);
  expect(doc.root).not.toBeNull();
  return doc.root!;
}

/** Parses `src`, expects it to fail, and returns the first error as "line:column: message". */
export function parseErr(src: string): string {
  let doc = parseYamlString(src);
  expect(doc.root).toBeNull();
  expect(doc.errors.length).toBeGreaterThan(0);
  return doc.errors.length > 0 ? doc.errors[0].toString() : "";
}

/** The "line:column" prefix of the first error. */
export function errAt(src: string): string {
  let s = parseErr(src);
  let i = s.indexOf(": ");
  return i < 0 ? s : s.substring(0, i);
}

export function doc(src: string): YamlDocument {
  return parseYamlString(src);
}

/** Value at a path of mapping keys / sequence indexes ("a.0.b"). */
export function at(root: YamlNode, path: string): YamlNode {
  let node: YamlNode = root;
  let parts = path.split(".");
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    let c = p.charCodeAt(0);
    if (c >= 0x30 && c <= 0x39 && node.items.length > 0) {
      let idx = I32.parseInt(p);
      expect(idx).toBeLessThan(node.items.length);
      node = node.items[idx];
    } else {
      let next = node.get(p);
      if (next === null) trace("missing key " + p + " in path " + path);
      expect(next).not.toBeNull();
      node = next!;
    }
  }
  return node;
}
