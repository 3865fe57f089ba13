// Path globs (spec §5.1): parsing into components, full matching with backtracking `**`,
// and policy-path rendering (§5.2). Globs are parsed once at load; matching works on the
// request target already split into components, so it does no parsing per request.
import { YamlNode } from "../yaml/index";
import { LoadContext, isAllDigits, asciiLower } from "./read";
import { checkRegex, RegexVerdict } from "./regex-check";
import { FullMatcher } from "./full-match";

/** Component kinds in the order the spec tries them (§5.1); also their rank in the
 *  left-to-right specificity key (§5.3 key 5) is derived from the kind. */
export const enum ComponentKind { DoubleStar, Star, Regex, Contains, EndsWith, StartsWith, Literal }

export class GlobComponent {
  kind: ComponentKind;
  /** Literal text, or the x of `*x*` / `*x` / `x*`, or the regex source of `#re`. */
  text: string;
  /** Written with a `!` prefix: rendered as the text it matched (§5.2). */
  preserved: bool;
  /** As written (trimmed, `!` stripped): the rendering of a component that is not preserved. */
  display: string;
  /** `#re`: full match of one component, compiled on first use. */
  private regex: FullMatcher | null = null;

  constructor(kind: ComponentKind, text: string, preserved: bool, display: string) {
    this.kind = kind;
    this.text = text;
    this.preserved = preserved;
    this.display = display;
  }

  /** Does this (single-component) pattern match one target component? */
  matches(s: string): bool {
    switch (this.kind) {
      case ComponentKind.Star: return true;
      case ComponentKind.Literal: return s == this.text;
      case ComponentKind.Contains: return s.includes(this.text);
      case ComponentKind.EndsWith: return s.endsWith(this.text);
      case ComponentKind.StartsWith: return s.startsWith(this.text);
      case ComponentKind.Regex: return this.regexMatches(s);
    }
    return false;
  }

  /** Rank for §5.3 key 5: literal > pattern > `*` > `**`. */
  get rank(): i32 {
    if (this.kind == ComponentKind.Literal) return 3;
    if (this.kind == ComponentKind.DoubleStar) return 0;
    if (this.kind == ComponentKind.Star) return 1;
    return 2;
  }

  private regexMatches(s: string): bool {
    let re = this.regex;
    if (re === null) {
      re = new FullMatcher(this.text);
      this.regex = re;
    }
    return re.matches(s);
  }
}

export class Glob {
  /** As written in the policy. */
  source: string;
  components: Array<GlobComponent> = [];
  /** Precomputed specificity counts (§5.3 keys 1–4). */
  doubleStars: i32 = 0;
  stars: i32 = 0;
  patterns: i32 = 0;
  /** Declaration order among all globs of the policy (§5.3 key 6); set by the loader. */
  order: i32 = 0;
  line: i32 = 0;
  column: i32 = 0;

  constructor(source: string) {
    this.source = source;
  }

  get length(): i32 {
    return this.components.length;
  }
}

/** Splits on `/`, trims each component and drops empty ones (§5.1). */
export function splitComponents(s: string): Array<string> {
  const out = new Array<string>();
  const parts = s.split("/");
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i].trim();
    if (p.length > 0) out.push(p);
  }
  return out;
}

/** The request target (§5.1): the lowercased authority (port kept), then the path cut at
 *  the first `?` or `#`, split on `/`, empty components dropped. No percent-decoding. */
export function splitTarget(authority: string, path: string): Array<string> {
  let cut = path.length;
  const q = path.indexOf("?");
  if (q >= 0) cut = q;
  const h = path.indexOf("#");
  if (h >= 0 && h < cut) cut = h;
  const out = new Array<string>();
  const auth = asciiLower(authority.trim());
  if (auth.length > 0) out.push(auth);
  const parts = path.substring(0, cut).split("/");
  for (let i = 0; i < parts.length; i++) {
    if (parts[i].length > 0) out.push(parts[i]);
  }
  return out;
}

/**
 * Parses one glob. Returns null after a warning (empty glob) or a fatal error (a `#re`
 * no tier can compile, §2.3).
 */
export function parseGlob(ctx: LoadContext, node: YamlNode, source: string): Glob | null {
  const g = new Glob(source);
  g.line = node.line;
  g.column = node.column;
  const trimmed = source.trim();
  const parts = splitComponents(trimmed);
  // A leading `/` stands for any authority (§5.1 Decision): `/form.html` ≡ `*/form.html`.
  if (trimmed.startsWith("/")) g.components.push(new GlobComponent(ComponentKind.Star, "", false, "*"));
  for (let i = 0; i < parts.length; i++) {
    let p = parts[i];
    let preserved = false;
    if (p.startsWith("!")) {
      preserved = true;
      p = p.substring(1).trim();
    }
    if (p.length == 0) {
      ctx.warn(node, "glob '" + source + "' has an empty component after '!'; glob dropped");
      return null;
    }
    let kind: ComponentKind;
    let text = p;
    if (p == "**") kind = ComponentKind.DoubleStar;
    else if (p == "*") kind = ComponentKind.Star;
    else if (p.startsWith("#")) {
      kind = ComponentKind.Regex;
      text = p.substring(1);
      const verdict = checkRegex(ctx, node, text, "glob regex");
      if (verdict != RegexVerdict.Ok) {
        if (verdict == RegexVerdict.DropRule) ctx.warn(node, "glob '" + source + "' dropped");
        return null;
      }
    } else if (p.length >= 3 && p.startsWith("*") && p.endsWith("*")) {
      kind = ComponentKind.Contains;
      text = p.substring(1, p.length - 1);
    } else if (p.startsWith("*")) {
      kind = ComponentKind.EndsWith;
      text = p.substring(1);
    } else if (p.endsWith("*")) {
      kind = ComponentKind.StartsWith;
      text = p.substring(0, p.length - 1);
    } else kind = ComponentKind.Literal;
    g.components.push(new GlobComponent(kind, text, preserved, p));
  }
  if (g.components.length == 0) {
    ctx.warn(node, "glob '" + source + "' has no components; glob dropped");
    return null;
  }
  for (let i = 0; i < g.components.length; i++) {
    const k = g.components[i].kind;
    if (k == ComponentKind.DoubleStar) g.doubleStars++;
    else if (k == ComponentKind.Star) g.stars++;
    else if (k != ComponentKind.Literal) g.patterns++;
  }
  return g;
}

/** Which target components each glob component matched: component i covers
 *  target[spans[2i] .. spans[2i+1]). */
export class GlobMatch {
  constructor(public glob: Glob, public spans: Array<i32>) {}
}

/**
 * Full match of a glob against a split target, `**` backtracking (§5.1 Decision). Failed
 * (component, position) pairs are memoized, so the cost is O(glob × target) however many
 * `**` the glob holds.
 */
export function matchGlob(glob: Glob, target: Array<string>): GlobMatch | null {
  const m = glob.components.length;
  const n = target.length;
  const failed = new Uint8Array((m + 1) * (n + 1));
  const spans = new Array<i32>(m * 2);
  return matchFrom(glob, 0, target, 0, spans, failed) ? new GlobMatch(glob, spans) : null;
}

function matchFrom(glob: Glob, gi: i32, target: Array<string>, ti: i32, spans: Array<i32>, failed: Uint8Array): bool {
  const m = glob.components.length;
  const n = target.length;
  if (gi == m) return ti == n;
  const key = gi * (n + 1) + ti;
  if (failed[key]) return false;
  const c = glob.components[gi];
  spans[gi * 2] = ti;
  if (c.kind == ComponentKind.DoubleStar) {
    // Zero or more components; the shortest split that lets the rest match is kept.
    for (let end = ti; end <= n; end++) {
      spans[gi * 2 + 1] = end;
      if (matchFrom(glob, gi + 1, target, end, spans, failed)) return true;
    }
  } else if (ti < n && c.matches(target[ti])) {
    spans[gi * 2 + 1] = ti + 1;
    if (matchFrom(glob, gi + 1, target, ti + 1, spans, failed)) return true;
  }
  failed[key] = 1;
  return false;
}

/** Policy-path rendering (§5.2): preserved components become the text they matched
 *  (`!**` the matched components joined by `/`, omitted when it matched none); the others
 *  stay as written. */
export function renderGlob(match: GlobMatch, target: Array<string>): string {
  const parts = new Array<string>();
  const comps = match.glob.components;
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i];
    if (!c.preserved) {
      parts.push(c.display);
      continue;
    }
    const s = match.spans[i * 2];
    const e = match.spans[i * 2 + 1];
    if (e == s) continue;
    parts.push(target.slice(s, e).join("/"));
  }
  return parts.join("/");
}

/** The glob as written, normalized: what a report's matcher_path shows for an endpoint. */
export function globText(glob: Glob): string {
  const parts = new Array<string>();
  for (let i = 0; i < glob.components.length; i++) {
    const c = glob.components[i];
    parts.push(c.preserved ? "!" + c.display : c.display);
  }
  return parts.join("/");
}

/** Fallback policy path (§5.2 Decision): the target with all-digit components as `*`. */
export function targetPolicyPath(target: Array<string>): string {
  const parts = new Array<string>(target.length);
  for (let i = 0; i < target.length; i++) parts[i] = isAllDigits(target[i]) ? "*" : target[i];
  return parts.join("/");
}
