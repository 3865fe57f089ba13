// YAML for leakscope policies: a YAML 1.2 parser for the dialect of policy-spec §2.1, on
// bytes, in AssemblyScript (none existed). Layout:
//   chars.ts       character classes of the grammar
//   bytes.ts       growable byte buffer; UTF-8 decoding with U+FFFD replacement
//   cursor.ts      input, position, line index (line:column), diagnostics
//   escapes.ts     double-quoted escape sequences
//   scalars.ts     plain, quoted and block scalar scanners (folding, chomping)
//   resolve.ts     core-schema resolution of plain scalars (null/bool/int/float/string)
//   properties.ts  tags and anchors
//   mapping.ts     mapping construction and duplicate keys (last wins, warning)
//   parser.ts      block and flow structure, document markers
//   node.ts, diagnostics.ts  the public result types

export { YamlKind, ScalarStyle, YamlNode } from "./node";
export { YamlDiagnostic, YamlDocument } from "./diagnostics";
export { MAX_DEPTH } from "./parser";

import { Parser } from "./parser";
import { YamlDocument } from "./diagnostics";

/** Parses one YAML document. Never traps: any input yields either a root or errors. */
export function parseYaml(input: Uint8Array): YamlDocument {
  return new Parser(input).parse();
}

/** Convenience for tests and configuration given as a string. */
export function parseYamlString(input: string): YamlDocument {
  return parseYaml(Uint8Array.wrap(String.UTF8.encode(input)));
}
