// The container path stack shared by the JSON and msgpack parsers (spec §7.3 match paths), in
// linear memory so that paths cost nothing until someone asks for one.
//
// ── Frames (`frames`): one FRAME_BYTES record per open container, root first:
//      +0  i32 flags    FRAME_ARRAY | FRAME_HAS_KEY | FRAME_KEY_TRUNCATED
//      +4  i32 index    array: index of the current element
//      +8  i32 keyStart map/object: offset of the current key in the key arena
//      +12 i32 keyLen   map/object: bytes of the current key kept in the arena
// ── Key arena (`arena`, `arenaBytes` long): the decoded keys of the open maps/objects, root
//    first, back to back; frame i's key starts where frame i-1's ends. A key that does not fit
//    is kept up to the end of the arena and flagged truncated (it then renders shortened and
//    never equals a pattern key).
import { JsonPath, SegmentKind } from "../policy/json-path";
import { utf8EqualsString } from "./utf8";

export const FRAME_BYTES: i32 = 16;
export const FRAME_ARRAY: i32 = 1;
export const FRAME_HAS_KEY: i32 = 2;
export const FRAME_KEY_TRUNCATED: i32 = 4;

/** Opens frame `depth` (the caller checks the depth limit and counts depth + 1). */
export function pushFrame(frames: usize, depth: i32, isArray: bool): void {
  const f = frames + <usize>(depth * FRAME_BYTES);
  let keyStart = 0;
  if (depth > 0) {
    const parent = f - <usize>FRAME_BYTES;
    keyStart = load<i32>(parent, 8) + load<i32>(parent, 12);
  }
  store<i32>(f, isArray ? FRAME_ARRAY : 0);
  store<i32>(f, 0, 4);
  store<i32>(f, keyStart, 8);
  store<i32>(f, 0, 12);
}

/** The top frame (depth - 1) starts a new, empty key. */
export function startKey(frames: usize, depth: i32): void {
  const top = frames + <usize>((depth - 1) * FRAME_BYTES);
  store<i32>(top, (load<i32>(top) & ~FRAME_KEY_TRUNCATED) | FRAME_HAS_KEY);
  store<i32>(top, 0, 12);
}

/** Appends decoded key bytes to the top frame's key, truncating at the end of the arena. */
export function keepKeyBytes(frames: usize, depth: i32, arena: usize, arenaBytes: i32, ptr: usize, len: i32): void {
  const top = frames + <usize>((depth - 1) * FRAME_BYTES);
  const start = load<i32>(top, 8);
  const kept = load<i32>(top, 12);
  const n = min(arenaBytes - start - kept, len);
  const dst = arena + <usize>(start + kept);
  // Keys are short: a byte loop beats memory.copy's call into the engine.
  if (n <= 32) { for (let i = 0; i < n; i++) store<u8>(dst + <usize>i, load<u8>(ptr + <usize>i)); }
  else memory.copy(dst, ptr, <usize>n);
  store<i32>(top, kept + n, 12);
  if (n < len) store<i32>(top, load<i32>(top) | FRAME_KEY_TRUNCATED);
}

/** `users[2].contact.email`: keys verbatim, a '.' before every key but the first, `[n]` for indexes. */
export function renderPath(frames: usize, depth: i32, arena: usize): string {
  let s = "";
  for (let i = 0; i < depth; i++) {
    const f = frames + <usize>(i * FRAME_BYTES);
    const flags = load<i32>(f);
    if (flags & FRAME_ARRAY) {
      s += "[" + load<i32>(f, 4).toString() + "]";
    } else if (flags & FRAME_HAS_KEY) {
      if (i > 0) s += ".";
      s += String.UTF8.decodeUnsafe(arena + <usize>load<i32>(f, 8), <usize>load<i32>(f, 12));
    }
  }
  return s;
}

/** Whether the first `depth` frames match a §7.3 pattern segment for segment. No allocation. */
export function framesMatch(frames: usize, depth: i32, arena: usize, pattern: JsonPath): bool {
  const segs = pattern.segments;
  if (segs.length != depth) return false;
  for (let i = 0; i < depth; i++) {
    const seg = unchecked(segs[i]);
    const f = frames + <usize>(i * FRAME_BYTES);
    const flags = load<i32>(f);
    const isArray = (flags & FRAME_ARRAY) != 0;
    switch (seg.kind) {
      case SegmentKind.Key: {
        if (isArray || (flags & (FRAME_HAS_KEY | FRAME_KEY_TRUNCATED)) != FRAME_HAS_KEY) return false;
        if (!utf8EqualsString(arena + <usize>load<i32>(f, 8), load<i32>(f, 12), seg.key)) return false;
        break;
      }
      case SegmentKind.AnyKey: if (isArray) return false; break;
      case SegmentKind.Index: if (!isArray || load<i32>(f, 4) != seg.index) return false; break;
      case SegmentKind.AnyIndex: if (!isArray) return false; break;
      default: return false;
    }
  }
  return true;
}
