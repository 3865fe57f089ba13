// The tree the YAML parser produces. One class for every node kind keeps the policy
// loader simple: it asks `kind`, then reads the matching field. Scalars keep their source
// text as well as the resolved value, because the policy spec (§2.1) says that wherever a
// string is expected any scalar becomes its source text (`except: 0042` gives "0042").

export enum YamlKind {
  Null,
  Bool,
  Int,
  Float,
  String,
  Sequence,
  Mapping,
}

export enum ScalarStyle {
  Plain,
  SingleQuoted,
  DoubleQuoted,
  Literal,
  Folded,
}

/** Shared, always empty: see YamlNode.items. */
const NO_NODES = new Array<YamlNode>(0);

export class YamlNode {
  kind: YamlKind;
  /** For scalars; Plain for collections. */
  style: ScalarStyle = ScalarStyle.Plain;
  /** Local tag without the leading '!' (`!internal x` gives "internal"); "" if none. */
  tag: string = "";
  /** Scalars: the decoded value; for plain scalars the source text. "" for collections. */
  text: string = "";
  boolValue: bool = false;
  intValue: i64 = 0;
  floatValue: f64 = 0;
  // Scalars share one empty array for these (allocation dominates parse time, and most
  // nodes are scalars); a node built as a Sequence or Mapping gets its own. The tree is
  // read-only for consumers: never push into the arrays of a node you did not construct
  // as a collection.
  items: Array<YamlNode>;
  keys: Array<YamlNode>;
  values: Array<YamlNode>;
  /** Number of nodes in this subtree with aliases expanded (saturating at 2^30). An alias
   *  is the anchored node itself, so a walk of the tree visits this many nodes; the parser
   *  bounds it (MAX_ALIAS_EXPANSION) so that alias "bombs" cannot stall a consumer. */
  expandedSize: i32 = 1;
  /** 1-based position of the node's first character (of its tag or anchor if present). */
  line: i32;
  column: i32;

  constructor(kind: YamlKind, line: i32, column: i32) {
    this.kind = kind;
    this.line = line;
    this.column = column;
    this.items = kind == YamlKind.Sequence ? new Array<YamlNode>() : NO_NODES;
    let map = kind == YamlKind.Mapping;
    this.keys = map ? new Array<YamlNode>() : NO_NODES;
    this.values = map ? new Array<YamlNode>() : NO_NODES;
  }

  isScalar(): bool {
    return this.kind != YamlKind.Sequence && this.kind != YamlKind.Mapping;
  }

  isNull(): bool {
    return this.kind == YamlKind.Null;
  }

  /** Mapping lookup by key text (scalar keys only). Duplicates were already resolved by
   *  the parser (the last one wins), so at most one key matches. */
  get(key: string): YamlNode | null {
    if (this.kind != YamlKind.Mapping) return null;
    let keys = this.keys;
    for (let i = 0, n = keys.length; i < n; i++) {
      let k = unchecked(keys[i]);
      if (k.isScalar() && k.text == key) return unchecked(this.values[i]);
    }
    return null;
  }

  /** Number of items (Sequence) or entries (Mapping); 0 for scalars. */
  get size(): i32 {
    if (this.kind == YamlKind.Sequence) return this.items.length;
    if (this.kind == YamlKind.Mapping) return this.keys.length;
    return 0;
  }
}
