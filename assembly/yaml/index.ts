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
//   nodes.ts       what flow and block share: properties applied, aliases, limits
//   flow.ts        flow collections ([...], {...}; JSON)
//   parser.ts      the document and block structure (indentation)
//   node.ts, diagnostics.ts  the public result types

//
// Decisions (policy-spec §2.1 and issue 4):
// - One document. A leading `---`, a trailing `...` and `%YAML` are accepted; a second
//   document, `%TAG` and named tag handles are errors.
// - Positions are 1-based; columns count code points (a tab is one column).
// - The first error stops the parse: `root` is null and `errors` has that one error.
// - Duplicate keys: the last entry wins, a warning names both positions, and the earlier
//   entry is removed, so `keys` lists surviving entries in source order.
// - Booleans are only true/false in any case; yes/no/on/off are strings. Plain scalars keep
//   their source text in `text` whatever they resolve to.
// - Local tags are kept in `tag` for the loader (`!internal x` ≡ `{internal: x}`); `!!str`
//   and friends and the non-specific `!` change resolution; an unknown `!!x` is an error.
// - An alias is the anchored node itself; an alias to an unknown (or not yet complete)
//   anchor is an error, so the tree has no cycles.
// - Not supported (an error says so): explicit keys (`? `), empty keys (`: v`, `{: v}`).
//   Merge keys (`<<`) are ordinary keys.
// - Leniencies: flow collections may continue on lines at any indentation (JSON written
//   at column 1 inside a block mapping parses).
// - Nesting is limited to MAX_DEPTH (64) collections, set by the shadow stack; aliases may
//   add at most MAX_ALIAS_EXPANSION (100000) nodes when expanded (alias bombs are errors).
// - Invalid UTF-8 becomes U+FFFD; control characters other than tab/LF/CR are errors.

export { YamlKind, ScalarStyle, YamlNode } from "./node";
export { YamlDiagnostic, YamlDocument } from "./diagnostics";
export { MAX_DEPTH, MAX_ALIAS_EXPANSION } from "./nodes";

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
