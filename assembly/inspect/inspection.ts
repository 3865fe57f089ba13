import { Policy } from "../policy/index";
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

  constructor(public policy: Policy) {
    this.compiled = compilePolicy(policy);
  }

  acquire(): MessageMatcher {
    const m = this.pool.length > 0 ? this.pool.pop() : new MessageMatcher(this.compiled);
    m.deactivateAll();
    m.beginMessage();
    m.pathSource = null;
    m.valueObserver = null;
    return m;
  }

  release(m: MessageMatcher): void {
    m.beginMessage(); // drop the candidate texts now rather than at the next borrow
    m.pathSource = null;
    m.valueObserver = null;
    if (this.pool.length < 64) this.pool.push(m);
  }
}
