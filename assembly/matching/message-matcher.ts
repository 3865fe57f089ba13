import { ContextSink, ContextKind, BodyParser } from "../pipeline/context-sink";
import { MatchSink, Scanner } from "../regex/index";
import { CompiledPolicy, PatternOwner } from "./compiled-policy";
import { ContextWindow } from "./context-window";
import { Candidate, Part } from "./candidate";
import { validate, touchesAlphabet } from "./internal-candidates";

/** Sees each complete body value context (body extractors, spec §4.5). */
export abstract class ValueObserver {
  /** A value context ended; its decoded bytes are [ptr, ptr+len), valid during the call. */
  abstract onValue(ptr: usize, len: i32, blobIdx: i32): void;
}

/** Raised limits keep a message's memory bounded by the policy, not by the body. */
export class MatcherLimits {
  /** Decoded bytes of the current context kept for candidate texts and look-ahead. */
  windowBytes: i32 = 16 << 10;
  /** Candidates kept per plan per message; more are counted and dropped. */
  maxCandidatesPerPlan: i32 = 4096;
}

/**
 * Runs the compiled policy over the contexts of one message (spec §3.6 steps 1–4): one
 * automaton pass per context, then each automaton match is decided by its pattern's owner —
 * boundary and validator for internal matchers, then the plan's excepts and `and`. What
 * survives is kept per plan as a Candidate for the message-level steps (correlate, overlaps).
 *
 * Streaming: contexts may arrive in any number of runs; a candidate that needs look-ahead
 * (a boundary byte, an SQL statement) waits in `pending` until enough bytes arrived or the
 * context ended. Memory: the window, the pending list and the per-plan candidate lists, all
 * bounded by MatcherLimits.
 */
export class MessageMatcher extends ContextSink {
  private scanner: Scanner;
  private window: ContextWindow;
  /** Plans evaluated in this message (entries' categories and what their correlates read). */
  active: StaticArray<bool>;
  /** Plans some `values_key` entry uses: their key candidates make the values under them emit. */
  valuesKey: StaticArray<bool>;
  candidates: Array<Array<Candidate>> = [];
  /** Plans marked active (each once), so deactivateAll visits only those. */
  private activePlans: Array<i32> = [];
  /** Plans whose candidate list is not empty (each once), so a new message clears only those. */
  private filledPlans: Array<i32> = [];
  /** Candidates dropped because a plan's list was full, or a match was longer than the window. */
  dropped: i32 = 0;
  /** The parser describing the current context's path, if any. */
  pathSource: BodyParser | null = null;
  /** Called with every body value context that fits the window, when set. */
  valueObserver: ValueObserver | null = null;
  /**
   * Whether candidates carry their JSON/gRPC path. Rendering a path allocates, so the caller
   * turns this off when nothing will read it (no debug records, no SBAC path tests); values_key
   * keys always get theirs.
   */
  needPaths: bool = true;
  /** A JSON parser bound to this matcher, kept for the next message that reads JSON (it is the caller's to reset). */
  keptJsonParser: BodyParser | null = null;

  private part: Part = Part.Body;
  private header: string = "";
  private contextOrdinal: i32 = -1;
  private kind: ContextKind = ContextKind.Value;
  private blobIdx: i32 = 0;
  private inContext: bool = false;
  private contextRawStart: i64 = 0;
  /** Decoded offset (in the current context) up to which the scanner has been fed. */
  private scannedTo: i64 = 0;
  /** The current context is being fed to the scanner in pieces (it did not fit the window whole). */
  private streaming: bool = false;
  // pending candidates: (pattern, start, end) triples in decoded context offsets
  private pending: Array<i64> = [];
  // values_key (§7.2): keys that matched, by plan and path; the value contexts under them emit
  private watchedPlans: Array<i32> = [];
  private watchedPaths: Array<string> = [];
  /** Plans the current value context emits for (values_key), empty otherwise. */
  private emitsFor: Array<i32> = [];

  constructor(public compiled: CompiledPolicy, public limits: MatcherLimits = new MatcherLimits()) {
    super();
    this.scanner = compiled.set!.newScanner();
    this.window = new ContextWindow(limits.windowBytes);
    this.active = new StaticArray<bool>(compiled.plans.length);
    this.valuesKey = new StaticArray<bool>(compiled.plans.length);
    for (let i = 0; i < compiled.plans.length; i++) this.candidates.push([]);
  }

  /** Starts a message; `active` plans are the ones whose candidates are kept. */
  beginMessage(): void {
    // only the lists that received candidates (most plans find nothing in most messages)
    const filled = this.filledPlans;
    for (let i = 0; i < filled.length; i++) this.candidates[unchecked(filled[i])].length = 0;
    filled.length = 0;
    this.dropped = 0;
    this.contextOrdinal = -1;
    this.watchedPlans.length = 0;
    this.watchedPaths.length = 0;
    this.emitsFor.length = 0;
  }

  /** Marks a plan, and the plans its correlates read, as evaluated in this message. */
  activate(plan: i32): void {
    if (plan < 0 || this.active[plan]) return;
    this.active[plan] = true;
    this.activePlans.push(plan);
    const needs = this.compiled.plans[plan].needs;
    for (let i = 0; i < needs.length; i++) this.activate(needs[i]);
  }

  /** The plan's key candidates stand for the values under those keys (a values_key entry uses it). */
  activateValuesKey(plan: i32): void {
    if (plan < 0) return;
    this.activate(plan);
    this.valuesKey[plan] = true;
  }

  deactivateAll(): void {
    // valuesKey is only ever set on an active plan
    const plans = this.activePlans;
    for (let i = 0; i < plans.length; i++) { const p = unchecked(plans[i]); this.active[p] = false; this.valuesKey[p] = false; }
    plans.length = 0;
  }

  /** The next contexts are the body (or the value of header `name`). */
  setPart(part: Part, header: string = ""): void {
    this.part = part;
    this.header = header;
  }

  beginContext(kind: ContextKind, blobIdx: i32, rawOffset: i64): void {
    this.kind = kind;
    this.blobIdx = blobIdx;
    this.contextRawStart = rawOffset;
    this.contextOrdinal++;
    this.inContext = true;
    // no scanner.reset(): a context that arrives whole is scanned by scanWhole (which starts a
    // fresh stream itself); one that streams resets the scanner before its first feed
    this.window.reset();
    this.scannedTo = 0;
    this.streaming = false;
    // (setting an Array's length is a call even when it is 0 already: once per context)
    if (this.pending.length > 0) this.pending.length = 0;
    if (this.emitsFor.length > 0) this.emitsFor.length = 0;
    if (this.watchedPlans.length > 0) this.followWatches(kind);
  }

  /**
   * A key's value is the scalar at the key's own path, or each scalar element of an array
   * there (`path[n]`); objects never emit. A context outside the key's subtree ends the watch.
   */
  private followWatches(kind: ContextKind): void {
    const source = this.pathSource;
    const path = source === null ? "" : source.path();
    let kept = 0;
    for (let i = 0; i < this.watchedPlans.length; i++) {
      const watched = this.watchedPaths[i];
      if (!inSubtree(path, watched)) continue; // left the key's subtree
      if (kind == ContextKind.Value && (path.length == watched.length || isDirectElement(path, watched.length))) {
        if (!this.emitsFor.includes(this.watchedPlans[i])) this.emitsFor.push(this.watchedPlans[i]);
      }
      this.watchedPlans[kept] = this.watchedPlans[i];
      this.watchedPaths[kept] = watched;
      kept++;
    }
    this.watchedPlans.length = kept;
    this.watchedPaths.length = kept;
  }

  /**
   * The scan of a context's bytes is deferred while the window can hold them: most contexts
   * (JSON keys and values) arrive whole in one run, and are then scanned at endContext by one
   * Scanner.scanWhole call over the window (in place: no copy, no per-feed state saving),
   * instead of reset + a feed per run + an empty closing feed, each paying a fixed cost per
   * automaton lane. Before the window would drop bytes to make room, what it holds is fed
   * and the context streams on, run by run. Matches are decided with at least as many bytes
   * held as when scanning run by run.
   */
  contextBytes(ptr: usize, len: i32, rawOffset: i64, rawLen: i32): void {
    if (len <= 0) return;
    const w = this.window;
    if (w.length + len <= w.bytes.length) {
      w.append(ptr, len, rawOffset, rawLen, 0); // fits: nothing is dropped, keepFrom is not read
      if (this.pending.length > 0) this.resolvePending(false);
      return;
    }
    this.scanHeld(false);
    w.append(ptr, len, rawOffset, rawLen, this.oldestNeeded());
    this.resolvePending(false);
    this.startStreaming();
    this.scanner.feed(ptr, len, false, this.sink);
    this.scannedTo = w.end;
  }

  private startStreaming(): void {
    if (this.streaming) return;
    this.scanner.reset();
    this.streaming = true;
  }

  /**
   * A whole plain context (the JSON parser's strings without escapes and numbers that begin
   * and end in one chunk): the window views the caller's bytes instead of copying them, and
   * endContext scans them in place. Longer than the window, it takes the general path (the
   * window would keep only its tail).
   */
  wholeContext(kind: ContextKind, blobIdx: i32, ptr: usize, len: i32, rawOffset: i64, rawEnd: i64): void {
    if (len > this.window.bytes.length) {
      super.wholeContext(kind, blobIdx, ptr, len, rawOffset, rawEnd);
      return;
    }
    this.beginContext(kind, blobIdx, rawOffset);
    this.window.view(ptr, len, rawOffset);
    this.endContext(rawEnd);
  }

  /** Candidates are read before the message ends (enforcement past max_buffer_bytes): scan what was deferred. */
  catchUp(): void {
    if (this.inContext) this.scanHeld(false);
  }

  /** Scans the window's bytes the scanner has not seen yet. */
  private scanHeld(isLast: bool): void {
    const w = this.window;
    const from = this.scannedTo;
    this.scannedTo = w.end;
    if (from == w.end && !isLast) return;
    if (isLast && !this.streaming) {
      // the whole context is in the window (nothing was dropped: that only happens while streaming)
      this.scanner.scanWhole(w.ptrAt(0), w.length, this.sink);
      return;
    }
    this.startStreaming();
    this.scanner.feed(w.ptrAt(from), <i32>(w.end - from), isLast, this.sink);
  }

  endContext(rawEnd: i64): void {
    if (!this.inContext) return;
    this.scanHeld(true);
    this.resolvePending(true);
    if (this.emitsFor.length > 0) this.emitValue();
    const observer = this.valueObserver;
    if (observer !== null && this.kind == ContextKind.Value && this.part == Part.Body && this.window.start == 0) {
      observer.onValue(this.window.ptrAt(0), this.window.length, this.blobIdx);
    }
    this.inContext = false;
  }

  /** values_key: the whole value context becomes a candidate of each watching plan (excepts test its text). */
  private emitValue(): void {
    const w = this.window;
    if (w.start > 0 || w.length == 0) { this.dropped++; return; } // longer than the window
    const ptr = w.ptrAt(0);
    for (let i = 0; i < this.emitsFor.length; i++) {
      const plan = this.emitsFor[i];
      const excepts = this.compiled.plans[plan].excepts;
      if (!excepts.isEmpty() && excepts.rejects(ptr, w.length)) continue;
      const list = this.candidates[plan];
      if (list.length >= this.limits.maxCandidatesPerPlan) { this.dropped++; continue; }
      if (list.length == 0) this.filledPlans.push(plan);
      const source = this.pathSource;
      list.push(new Candidate(plan, this.contextOrdinal, ContextKind.Value, this.part, this.header, this.blobIdx,
        w.rawOffset(0, false), w.rawOffset(w.end, true), String.UTF8.decodeUnsafe(ptr, <usize>w.length),
        source === null || !this.needPaths ? "" : source.path(), true, this.contextRawStart));
    }
    this.emitsFor.length = 0;
  }

  private sink: OwnerSink = new OwnerSink(this);

  /** Called by the scanner for each automaton match (offsets relative to the context). */
  onAutomatonMatch(pattern: i32, start: i32, end: i32, truncated: bool): void {
    const owner = this.compiled.owners[pattern];
    if (!this.active[owner.plan]) return;
    if (truncated || !this.window.holds(<i64>start, <i64>end)) { this.dropped++; return; }
    if (owner.lookahead > 0 && <i64>end + <i64>owner.lookahead > this.window.end) {
      this.pending.push(<i64>pattern); this.pending.push(<i64>start); this.pending.push(<i64>end);
      return;
    }
    this.decide(owner, <i64>start, <i64>end);
  }

  private oldestNeeded(): i64 {
    let oldest = this.window.end;
    for (let i = 1; i < this.pending.length; i += 3) oldest = min(oldest, unchecked(this.pending[i]) - 1);
    return oldest;
  }

  private resolvePending(contextEnded: bool): void {
    const p = this.pending;
    if (p.length == 0) return;
    let kept = 0;
    for (let i = 0; i < p.length; i += 3) {
      const pattern = <i32>unchecked(p[i]), start = unchecked(p[i + 1]), end = unchecked(p[i + 2]);
      const owner = this.compiled.owners[pattern];
      if (contextEnded || end + <i64>owner.lookahead <= this.window.end) {
        this.decide(owner, start, end);
      } else {
        unchecked(p[kept] = p[i]); unchecked(p[kept + 1] = p[i + 1]); unchecked(p[kept + 2] = p[i + 2]);
        kept += 3;
      }
    }
    p.length = kept;
  }

  private decide(owner: PatternOwner, start: i64, end: i64): void {
    const w = this.window;
    if (!w.holds(start, end)) { this.dropped++; return; }
    if (start > w.start && touchesAlphabet(owner.boundary, <i32>load<u8>(w.ptrAt(start - 1)))) return;
    if (end < w.end && touchesAlphabet(owner.boundary, <i32>load<u8>(w.ptrAt(end)))) return;
    const ptr = w.ptrAt(start);
    const accepted = validate(owner.validator, ptr, <i32>(end - start), <i32>(w.end - start));
    if (accepted < 0) return;
    const len = accepted;
    const plan = this.compiled.plans[owner.plan];
    if (!plan.excepts.isEmpty() && plan.excepts.rejects(ptr, len)) return;
    if (!plan.ands.isEmpty() && !plan.ands.accepts(ptr, len)) return;
    const list = this.candidates[owner.plan];
    if (list.length >= this.limits.maxCandidatesPerPlan) { this.dropped++; return; }
    if (list.length == 0) this.filledPlans.push(owner.plan);
    const source = this.pathSource;
    const watchKey = this.kind == ContextKind.Key && this.valuesKey[owner.plan];
    const path = source === null || !(this.needPaths || watchKey) ? "" : source.path();
    list.push(new Candidate(
      owner.plan, this.contextOrdinal, this.kind, this.part, this.header, this.blobIdx,
      w.rawOffset(start, false), w.rawOffset(start + <i64>len, true),
      String.UTF8.decodeUnsafe(ptr, <usize>len), path, false, this.contextRawStart,
    ));
    if (watchKey && !this.isWatched(owner.plan, path)) {
      this.watchedPlans.push(owner.plan);
      this.watchedPaths.push(path);
    }
  }

  private isWatched(plan: i32, path: string): bool {
    for (let i = 0; i < this.watchedPlans.length; i++) if (this.watchedPlans[i] == plan && this.watchedPaths[i] == path) return true;
    return false;
  }
}

/** Forwards the scanner's matches to the matcher (AssemblyScript has no closures). */
class OwnerSink extends MatchSink {
  constructor(private matcher: MessageMatcher) { super(); }
  onMatch(pattern: i32, start: i32, end: i32, truncated: bool): void {
    this.matcher.onAutomatonMatch(pattern, start, end, truncated);
  }
}

/** `path` is `prefix[n]` exactly (an element of the array at prefix, not deeper). */
function isDirectElement(path: string, prefixLength: i32): bool {
  if (path.length < prefixLength + 3 || path.charCodeAt(prefixLength) != 0x5b) return false;
  for (let i = prefixLength + 1; i < path.length - 1; i++) {
    const c = path.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return path.charCodeAt(path.length - 1) == 0x5d;
}

/** `path` is `root` or lies under it (`root.x`, `root[n]…`), not a sibling such as `rootx`. */
function inSubtree(path: string, root: string): bool {
  if (!path.startsWith(root)) return false;
  if (path.length == root.length || root.length == 0) return true;
  const c = path.charCodeAt(root.length);
  return c == 0x2e || c == 0x5b;
}
