// The total specificity order of globs (spec §5.3 Decision): the first key that differs
// decides. Keys 1–4 reproduce LeakSignal's original order; 5 and 6 make it total, so
// endpoint resolution never depends on sort stability.

import { Glob } from "./glob";

/** < 0 when `a` is less specific than `b`, > 0 when more, 0 only for the same glob. */
export function compareSpecificity(a: Glob, b: Glob): i32 {
  const c = compareShape(a, b);
  if (c != 0) return c;
  // 6. Later declaration.
  return a.order - b.order;
}

/** Keys 1–5 only: equal for globs of the same shape. */
export function compareShape(a: Glob, b: Glob): i32 {
  // 1. More components (`**` counts as one).
  if (a.length != b.length) return a.length - b.length;
  // 2. Fewer `**`.
  if (a.doubleStars != b.doubleStars) return b.doubleStars - a.doubleStars;
  // 3. Fewer `*`.
  if (a.stars != b.stars) return b.stars - a.stars;
  // 4. Fewer patterns (`#re`, `*x*`, `*x`, `x*`).
  if (a.patterns != b.patterns) return b.patterns - a.patterns;
  // 5. Left to right: literal > pattern > `*` > `**`.
  for (let i = 0; i < a.length; i++) {
    const ra = a.components[i].rank;
    const rb = b.components[i].rank;
    if (ra != rb) return ra - rb;
  }
  return 0;
}

/** The most specific of `globs` (null if empty). */
export function mostSpecific(globs: Array<Glob>): Glob | null {
  let best: Glob | null = null;
  for (let i = 0; i < globs.length; i++) {
    const g = globs[i];
    if (best === null || compareSpecificity(g, best!) > 0) best = g;
  }
  return best;
}
