import { Policy } from "../policy/index";
import { EffectiveConfig, RequestFacts, resolveTarget } from "../policy/resolve";
import { CompiledPolicy, compilePolicy } from "../matching/compiled-policy";
import { MessageMatcher } from "../matching/message-matcher";

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
