import { MatchConfig } from "../policy/match-config";
import { CorrelateInterest } from "../policy/match-rule";
import { ContextKind } from "../pipeline/context-sink";
import { CompiledPolicy, CorrelatePlan } from "./compiled-policy";
import { Candidate, Part } from "./candidate";
import { SpanOrder, sameSpace } from "./span-order";

// Message-level steps of spec §3.6 for one config entry: select the candidates in the
// contexts the entry allows, drop its `ignore` texts, apply correlates (§3.5), then resolve
// overlaps (§7.7). Categories (entries) are independent of each other.

/** Whether the entry may see a candidate found in this context (§4.2 `contexts`, §7.2). */
export function contextAllowed(config: MatchConfig, c: Candidate): bool {
  const contexts = config.contexts;
  if (c.viaValuesKey) return contexts.valuesKey;
  if (c.part == Part.Header) return contexts.allowsHeader(c.header);
  if (contexts.all) return true;
  if (c.kind == ContextKind.Key) return contexts.keys;
  return contexts.values;
}

/** An entry that lists only `values_key` searches keys but emits only the values under them. */
export function searchesKeysForValues(config: MatchConfig): bool {
  return !config.contexts.all && config.contexts.valuesKey;
}

/** The gap between two spans (§3.5), or -1 when they may not be paired (different header values). */
function gap(a: Candidate, b: Candidate): i64 {
  if (a.part != b.part) return -1;
  if (a.part == Part.Header && a.context != b.context) return -1;
  const g = max(a.rawStart, b.rawStart) - min(a.rawEnd, b.rawEnd);
  return g > 0 ? g : 0;
}

/** Which parts of the message an entry searches (spec §4.2 `search`, resolved per direction). */
export class PartMask {
  constructor(public body: bool, public headers: bool) {}
}

export const ALL_PARTS: PartMask = new PartMask(true, true);
const NO_PARTS: PartMask = new PartMask(false, false);
const BODY_ONLY: PartMask = new PartMask(true, false);
const HEADERS_ONLY: PartMask = new PartMask(false, true);

/** The shared mask for (body, headers): masks are immutable, so none is allocated per message. */
export function partMask(body: bool, headers: bool): PartMask {
  return body ? (headers ? ALL_PARTS : BODY_ONLY) : (headers ? HEADERS_ONLY : NO_PARTS);
}

function select(plan: i32, config: MatchConfig, parts: PartMask, all: Array<Array<Candidate>>): Array<Candidate> {
  const out = new Array<Candidate>();
  if (plan < 0) return out;
  const list = all[plan];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c.part == Part.Body ? !parts.body : !parts.headers) continue;
    if (!contextAllowed(config, c)) continue;
    if (config.ignore.length > 0 && config.ignore.includes(c.text)) continue;
    out.push(c);
  }
  return out;
}

function correlate(p: Array<Candidate>, s: Array<Candidate>, cor: CorrelatePlan, out: Array<Candidate>): void {
  const limit = <i64>cor.maxDistance;
  if (p.length == 0 || s.length == 0) return;
  if (cor.interest == CorrelateInterest.Secondary) {
    // each S in its own order, kept when some P is within reach
    const byPosition = new SpanOrder(p);
    for (let j = 0; j < s.length; j++) {
      if (nearest(byPosition, s[j], limit) >= 0) out.push(s[j]);
    }
    return;
  }
  const byPosition = new SpanOrder(s);
  for (let i = 0; i < p.length; i++) {
    const best = nearest(byPosition, p[i], limit);
    if (best < 0) continue;
    if (cor.interest == CorrelateInterest.Primary) { out.push(p[i]); continue; }
    out.push(joinSpan(p[i], s[best]));
  }
}

/**
 * The index in `spans.list` of the span nearest to `c` within `limit` (§3.5): smallest gap,
 * then earliest start, then first in the list; -1 when none is in reach. Only spans starting
 * in [c.rawStart - limit - longest span, c.rawEnd + limit] can be in reach, and they are one
 * run of the order.
 */
function nearest(spans: SpanOrder, c: Candidate, limit: i64): i32 {
  const list = spans.list, order = spans.order;
  let best = -1;
  let bestGap: i64 = -1;
  const last = c.rawEnd + limit;
  for (let k = spans.lowerBound(c, c.rawStart - limit - spans.maxLength); k < order.length; k++) {
    const j = unchecked(order[k]);
    const other = unchecked(list[j]);
    if (!sameSpace(other, c) || other.rawStart > last) break;
    const g = gap(c, other);
    // the order is (start, index), so the first of equal gaps is the earliest
    if (g >= 0 && g <= limit && (best < 0 || g < bestGap)) { best = j; bestGap = g; }
  }
  return best;
}

/**
 * `interest: all` emits the span from the earlier start to the later end. Its text: the two
 * texts merged when they overlap or touch; otherwise joined by a space — the spec's rule for
 * spans that cross contexts, used here also within one context because the bytes between
 * are no longer held when the message ends.
 */
function joinSpan(p: Candidate, s: Candidate): Candidate {
  const first = p.rawStart <= s.rawStart ? p : s;
  const second = first === p ? s : p;
  let text: string;
  if (second.rawStart <= first.rawEnd && first.context == second.context) {
    const overlap = <i32>(first.rawEnd - second.rawStart);
    text = second.rawEnd <= first.rawEnd ? first.text : first.text + second.text.substring(overlap);
  } else {
    text = first.text + " " + second.text;
  }
  return new Candidate(p.plan, p.context, p.kind, p.part, p.header, p.blobIdx,
    first.rawStart, max(first.rawEnd, second.rawEnd), text, p.path, false, first.contextRawStart);
}

/** §7.7: sort by start ascending, then length descending; keep each span that overlaps none kept. */
export function resolveOverlaps(spans: Array<Candidate>): Array<Candidate> {
  const sorted = spans.slice(0);
  sorted.sort((a: Candidate, b: Candidate): i32 => {
    if (a.part != b.part) return <i32>a.part - <i32>b.part;
    if (a.part == Part.Header && a.context != b.context) return a.context - b.context;
    if (a.rawStart != b.rawStart) return a.rawStart < b.rawStart ? -1 : 1;
    const la = a.rawEnd - a.rawStart, lb = b.rawEnd - b.rawStart;
    return la == lb ? 0 : la > lb ? -1 : 1;
  });
  // Kept spans never overlap and come in start order, so they are in end order too: a new span
  // can only overlap the last one kept (in its part and header value).
  const kept = new Array<Candidate>();
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i];
    if (kept.length > 0) {
      const o = kept[kept.length - 1];
      const sameSpace = o.part == c.part && (c.part != Part.Header || o.context == c.context);
      if (sameSpace && c.rawStart < o.rawEnd) continue;
    }
    kept.push(c);
  }
  return kept;
}

/** The matches one entry emits for the message. */
export function entryEmissions(compiled: CompiledPolicy, config: MatchConfig, all: Array<Array<Candidate>>, parts: PartMask = ALL_PARTS): Array<Candidate> {
  const plan = compiled.planIndex(config.category);
  if (plan < 0) return [];
  const p = select(plan, config, parts, all);
  const correlates = compiled.plans[plan].correlates;
  if (correlates.length == 0) return resolveOverlaps(p);
  const out = new Array<Candidate>();
  for (let i = 0; i < correlates.length; i++) {
    const cor = correlates[i];
    correlate(p, select(cor.secondaryPlan, config, parts, all), cor, out);
  }
  return resolveOverlaps(out);
}
