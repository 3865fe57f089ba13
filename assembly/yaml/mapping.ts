// Builds a mapping node entry by entry, resolving duplicate keys.
//
// Policy spec §2.1 (Decision): on a duplicate key the last entry wins, with a warning.
// We remove the earlier entry rather than overwrite it in place, so `keys`/`values` list
// the surviving entries in the order they appear in the source (the later key's position).
// Key order matters to the policy loader: it breaks ties. Duplicates are found through a
// hash index once a mapping has more than a few keys, so a large mapping stays linear.

import { Cursor } from "./cursor";
import { YamlNode } from "./node";
import { YamlDiagnostic } from "./diagnostics";

const LINEAR_LIMIT = 8;

export class MappingBuilder {
  node: YamlNode;
  private index: Map<string, i32> | null = null;
  /** Entries replaced by a later duplicate; null while there are none. */
  private removed: Array<bool> | null = null;

  constructor(node: YamlNode) {
    this.node = node;
  }

  add(cur: Cursor, key: YamlNode, value: YamlNode): void {
    let keys = this.node.keys;
    let i = keys.length;
    if (key.isScalar()) {
      let text = key.text;
      let prev = this.find(text);
      if (prev >= 0) {
        let first = unchecked(keys[prev]);
        cur.warnings.push(new YamlDiagnostic(key.line, key.column,
          "duplicate key '" + text + "' (first defined at " + first.line.toString() + ":" + first.column.toString() + "): the last one wins"));
        let removed = this.removed;
        if (removed === null) {
          removed = new Array<bool>(keys.length);
          this.removed = removed;
        }
        while (removed.length < keys.length) removed.push(false);
        removed[prev] = true;
      }
      let index = this.index;
      if (index !== null) index.set(text, i);
    }
    keys.push(key);
    this.node.values.push(value);
  }

  private isRemoved(i: i32): bool {
    let removed = this.removed;
    return removed !== null && i < removed.length && unchecked(removed[i]);
  }

  private find(text: string): i32 {
    let keys = this.node.keys;
    let index = this.index;
    if (index === null) {
      if (keys.length < LINEAR_LIMIT) {
        for (let i = keys.length - 1; i >= 0; i--) {
          let k = unchecked(keys[i]);
          if (k.isScalar() && k.text == text && !this.isRemoved(i)) return i;
        }
        return -1;
      }
      index = new Map<string, i32>();
      for (let i = 0; i < keys.length; i++) {
        let k = unchecked(keys[i]);
        if (k.isScalar() && !this.isRemoved(i)) index.set(k.text, i);
      }
      this.index = index;
    }
    return index.has(text) ? index.get(text) : -1;
  }

  /** Drops the entries that a later duplicate replaced. */
  finish(): YamlNode {
    let removed = this.removed;
    if (removed !== null) {
      let keys = this.node.keys;
      let values = this.node.values;
      let newKeys = new Array<YamlNode>();
      let newValues = new Array<YamlNode>();
      for (let i = 0; i < keys.length; i++) {
        if (this.isRemoved(i)) continue;
        newKeys.push(unchecked(keys[i]));
        newValues.push(unchecked(values[i]));
      }
      this.node.keys = newKeys;
      this.node.values = newValues;
    }
    return this.node;
  }
}
