// Evaluates a token json_path (spec §4.4, parsed by policy/json-path.ts parseTokenJsonPath) over a
// JsonNode tree and renders the first match: a string unquoted, another scalar as its literal, a
// container as compact JSON. "First" is document order (pre-order). Segments:
//   Key k      object member k (the first one if the key repeats)
//   AnyKey     `.*`: every member of an object, every element of an array
//   Index n    array element n
//   AnyIndex   `[*]`: every element of an array, every member of an object
//   Descend k  `..k`: member k of the node or of any descendant; `..*` any descendant
// Cost: O(tree size) per wildcard or descent segment; recursion depth bounded by the tree depth
// (json.ts MAX_DEPTH) times the number of segments.
import { JsonPath, JsonPathSegment, SegmentKind } from "../policy/json-path";
import { JsonNode, JsonKind, writeCompact } from "./json";

export function selectFirst(root: JsonNode, path: JsonPath): JsonNode | null {
  return first(root, path.segments, 0);
}

/** The §4.4 rendering of a selected node. */
export function renderSelected(node: JsonNode): string {
  return node.isContainer ? writeCompact(node) : node.text;
}

function first(node: JsonNode, segs: Array<JsonPathSegment>, i: i32): JsonNode | null {
  if (i == segs.length) return node;
  const seg = segs[i];
  switch (seg.kind) {
    case SegmentKind.Key: {
      if (node.kind != JsonKind.Object) return null;
      for (let k = 0; k < node.keys.length; k++) {
        if (node.keys[k] == seg.key) return first(node.items[k], segs, i + 1);
      }
      return null;
    }
    case SegmentKind.Index: {
      if (node.kind != JsonKind.Array || seg.index < 0 || seg.index >= node.items.length) return null;
      return first(node.items[seg.index], segs, i + 1);
    }
    case SegmentKind.AnyKey:
    case SegmentKind.AnyIndex: {
      if (!node.isContainer) return null;
      for (let k = 0; k < node.items.length; k++) {
        const r = first(node.items[k], segs, i + 1);
        if (r !== null) return r;
      }
      return null;
    }
    case SegmentKind.Descend: {
      // pre-order: a member that matches here comes before anything inside it
      const any = seg.key == "*";
      for (let k = 0; k < node.items.length; k++) {
        if (any || (node.kind == JsonKind.Object && node.keys[k] == seg.key)) {
          const r = first(node.items[k], segs, i + 1);
          if (r !== null) return r;
        }
        const d = first(node.items[k], segs, i);
        if (d !== null) return d;
      }
      return null;
    }
  }
  return null;
}
