import { Policy } from "../policy/index";
import { EffectiveConfig, RequestFacts, resolveTarget } from "../policy/resolve";
import { CompiledPolicy, compilePolicy } from "../matching/compiled-policy";
import { MessageMatcher } from "../matching/message-matcher";
import { MessageSelection, selectEntries } from "./message-selection";
import { BodyParser } from "../policy/content-types";

const PARSER_KINDS: i32 = <i32>BodyParser.None + 1;
const SELECTION_RING: i32 = 8;

/**
 * A policy ready for traffic: the loaded model, its compiled automaton, and a pool of
 * message matchers. Matchers hold the scanner's and the window's buffers (tens of KiB), so
 * streams borrow them instead of allocating per request.
 */
export class Inspection {
  compiled: CompiledPolicy;
  private pool: Array<MessageMatcher> = [];
  /**
   * Effective configurations by target, when they depend on the target alone (no endpoint
   * matches with a RuleFilter, no legacy services): resolution allocates (globs, rendered
   * paths), so repeated targets reuse it. Bounded; cleared when full.
   */
  private effectiveByTarget: Map<string, EffectiveConfig> | null = null;
  static readonly MAX_CACHED_TARGETS: i32 = 1024;
  /**
   * Entry selections of the last SELECTION_RING effective configurations seen, by parser * 2 +
   * direction. A small ring rather than a map over every cached configuration: steady traffic
   * hits a few targets, and a map would keep configurations alive after the target cache let
   * them go (random paths grew the VM's memory that way). Only used while configurations are
   * cached by target, so a configuration seen again is the same object.
   */
  private ringConfigs: StaticArray<EffectiveConfig | null> = new StaticArray<EffectiveConfig | null>(SELECTION_RING);
  private ringSlots: StaticArray<StaticArray<MessageSelection | null> | null> = new StaticArray<StaticArray<MessageSelection | null> | null>(SELECTION_RING);
  private ringNext: i32 = 0;

  constructor(public policy: Policy) {
    this.compiled = compilePolicy(policy);
    let targetOnly = policy.services.length == 0;
    for (let i = 0; i < policy.endpoints.length && targetOnly; i++) if (policy.endpoints[i].filter !== null) targetOnly = false;
    if (targetOnly) this.effectiveByTarget = new Map();
  }

  /** §4.3 resolution for a request, from the cache when only the target matters. */
  resolve(target: Array<string>, facts: RequestFacts): EffectiveConfig {
    const cache = this.effectiveByTarget;
    if (cache === null) return resolveTarget(this.policy, target, facts);
    const key = target.join("/");
    if (cache.has(key)) return cache.get(key);
    const effective = resolveTarget(this.policy, target, facts);
    if (cache.size >= Inspection.MAX_CACHED_TARGETS) cache.clear();
    cache.set(key, effective);
    return effective;
  }

  /** The entries of `effective` that search a message of this direction and parser. */
  selection(effective: EffectiveConfig, isResponse: bool, parserId: i32): MessageSelection {
    if (this.effectiveByTarget === null || parserId < 0 || parserId >= PARSER_KINDS) {
      return selectEntries(effective, isResponse, parserId, this.compiled);
    }
    let slots: StaticArray<MessageSelection | null> | null = null;
    for (let i = 0; i < SELECTION_RING; i++) {
      if (unchecked(this.ringConfigs[i]) === effective) { slots = unchecked(this.ringSlots[i]); break; }
    }
    if (slots === null) {
      slots = new StaticArray<MessageSelection | null>(PARSER_KINDS * 2);
      const k = this.ringNext;
      unchecked(this.ringConfigs[k] = effective);
      unchecked(this.ringSlots[k] = slots);
      this.ringNext = (k + 1) % SELECTION_RING;
    }
    const at = parserId * 2 + (isResponse ? 1 : 0);
    let found = slots[at];
    if (found === null) { found = selectEntries(effective, isResponse, parserId, this.compiled); slots[at] = found; }
    return found!;
  }

  acquire(): MessageMatcher {
    const m = this.pool.length > 0 ? this.pool.pop() : new MessageMatcher(this.compiled);
    m.deactivateAll();
    m.beginMessage();
    m.pathSource = null;
    m.valueObserver = null;
    m.needPaths = true;
    return m;
  }

  release(m: MessageMatcher): void {
    m.beginMessage(); // drop the candidate texts now rather than at the next borrow
    m.pathSource = null;
    m.valueObserver = null;
    if (this.pool.length < 64) this.pool.push(m);
  }
}
