// Whole-value regex matching for the places where a regex must match all of a short value:
// glob `#re` components (§5.1) and filter-mode rules (§3.2: regex is a full match, and
// except_regex fails on one). These run at request headers on short strings, not per body
// byte, so the engine's reference Pike VM over its Thompson NFA is enough: linear in the
// value. Patterns with tier-2 constructs (lookaround, backreferences) are not compiled by
// the linear tier; they never match here.
import { parse } from "../regex/parser";
import { compileNfa } from "../regex/compiler";
import { PikeVM } from "../regex/pikevm";

export class FullMatcher {
  private vm: PikeVM | null = null;
  private compiled: bool = false;

  constructor(public source: string) {}

  /** True when the pattern can run here (compiles in the linear tier). */
  get usable(): bool {
    this.compile();
    return this.vm !== null;
  }

  matches(value: string): bool {
    this.compile();
    const vm = this.vm;
    if (vm === null) return false;
    const bytes = String.UTF8.encode(value);
    return vm.find(changetype<usize>(bytes), 0, bytes.byteLength, 0);
  }

  private compile(): void {
    if (this.compiled) return;
    this.compiled = true;
    // Anchored at both ends: a leftmost-first search for \A(?:re)\z is a full match.
    const r = parse("\\A(?:" + this.source + ")\\z");
    if (r.hir === null) return;
    const c = compileNfa(r.hir!, false);
    if (c.nfa !== null) this.vm = new PikeVM(c.nfa!);
  }
}
