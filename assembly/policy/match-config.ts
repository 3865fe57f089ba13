// Match Config (spec §4.2): one `config.<key>` entry of an endpoint. Loading resolves every
// field to plain data (enums, bitmasks, lowercased header names); the category it runs is
// looked up by the policy loader once all categories are known.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, Choice, choiceOf, isStringLike, oneOrMore, readString, readStrings, asciiLower } from "./read";
import { readParser } from "./content-types";
import { readReportStyle, readReportBits, STYLE_UNSET, BITS_UNSET } from "./report";
import { Category } from "./category";

export const enum Action { Ignore, Alert, Block, Redact }
export const ACTION_NAMES: Array<string> = ["ignore", "alert", "block", "redact"];

/** `search` as a bitmask of message parts (§4.2). L4 values (`downstream`, `upstream`)
 *  are 0: they never match. */
export const SEARCH_REQUEST_BODY: i32 = 1;
export const SEARCH_RESPONSE_BODY: i32 = 2;
export const SEARCH_REQUEST_HEADER: i32 = 4;
export const SEARCH_RESPONSE_HEADER: i32 = 8;
export const SEARCH_UNSET: i32 = -1;
export const SEARCH_NAMES: Array<string> = [
  "request_body", "response_body", "all_body", "request_header", "response_header", "all_header", "all", "downstream", "upstream",
];
const SEARCH_MASKS: Array<i32> = [1, 2, 3, 4, 8, 12, 15, 0, 0];
/** The default when neither entry nor endpoint sets `search`. */
export const SEARCH_DEFAULT: i32 = SEARCH_REQUEST_BODY | SEARCH_RESPONSE_BODY;

/** Reads `search`; SEARCH_UNSET after a warning. */
export function readSearch(ctx: LoadContext, node: YamlNode): i32 {
  if (isStringLike(node)) {
    const i = SEARCH_NAMES.indexOf(node.text);
    if (i >= 0) return SEARCH_MASKS[i];
    ctx.warn(node, "unknown search '" + node.text + "' (expected one of " + SEARCH_NAMES.join(", ") + "); " + ctx.outcome);
    return SEARCH_UNSET;
  }
  ctx.wrongType(node, "search", "one of " + SEARCH_NAMES.join(", "));
  return SEARCH_UNSET;
}

/** The `contexts` whitelist (§7.2). `all` is true when absent or empty. */
export class ContextSet {
  all: bool = true;
  keys: bool = false;
  values: bool = false;
  valuesKey: bool = false;
  /** `!header h`: lowercased names. */
  headers: Array<string> = [];

  allowsHeader(name: string): bool {
    return this.all || this.headers.includes(name);
  }
}

export class MatchConfig {
  /** The config key: what a more specific endpoint replaces or ignores. */
  key: string;
  /** The category whose rules run (default: the key). */
  matcher: string;
  /** The emitted category name (default: the key, §4.2 Decision). */
  name: string;
  action: Action = Action.Alert;
  /** Redact mask, ASCII; "" deletes the span. */
  mask: string = "";
  /** Parser whitelist (BodyParser values); empty = all. */
  contentTypes: Array<i32> = [];
  contexts: ContextSet = new ContextSet();
  search: i32 = SEARCH_UNSET;
  /** Legacy exact texts to drop. */
  ignore: Array<string> = [];
  reportStyle: i32 = STYLE_UNSET;
  reportBits: i32 = BITS_UNSET;
  /** Resolved by the policy loader; null only for `action: ignore` entries. */
  category: Category | null = null;
  line: i32;
  column: i32;

  constructor(key: string, at: YamlNode) {
    this.key = key;
    this.matcher = key;
    this.name = key;
    this.line = at.line;
    this.column = at.column;
  }
}

/** One entry, or null after a warning (or a fatal non-ASCII mask, §2.3). */
export function readMatchConfig(ctx: LoadContext, keyNode: YamlNode, node: YamlNode): MatchConfig | null {
  const mc = new MatchConfig(keyNode.text, keyNode);
  if (node.kind == YamlKind.Null && node.tag.length == 0) return mc;
  if (node.kind != YamlKind.Mapping || node.tag.length > 0) {
    ctx.wrongType(node, "config '" + keyNode.text + "'", "a map");
    return null;
  }
  // Any rejected field drops the whole entry (§0: the config entry is the smallest item).
  const saved = ctx.outcome;
  ctx.outcome = "entry dropped";
  const ok = readMatchConfigFields(ctx, keyNode, node, mc);
  ctx.outcome = saved;
  return ok ? mc : null;
}

function readMatchConfigFields(ctx: LoadContext, keyNode: YamlNode, node: YamlNode, mc: MatchConfig): bool {
  const where = "config '" + keyNode.text + "'";
  const start = ctx.mark;
  let notRejections = 0;
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    const key = k.text;
    if (key == "matcher") {
      const s = readString(ctx, v, "matcher");
      if (s !== null) mc.matcher = s;
    } else if (key == "name") {
      const s = readString(ctx, v, "name");
      if (s !== null) mc.name = s;
    } else if (key == "action") {
      readAction(ctx, v, mc);
    } else if (key == "content_types") {
      const items = oneOrMore(v);
      for (let j = 0; j < items.length; j++) {
        const p = readParser(ctx, items[j], where + " content_types");
        if (p >= 0 && !mc.contentTypes.includes(p)) mc.contentTypes.push(p);
      }
    } else if (key == "contexts") {
      readContexts(ctx, v, mc.contexts);
    } else if (key == "search") {
      mc.search = readSearch(ctx, v);
    } else if (key == "ignore") {
      mc.ignore = readStrings(ctx, v, "ignore");
    } else if (key == "report_style") {
      mc.reportStyle = readReportStyle(ctx, v);
    } else if (key == "report_bits") {
      // Out of range is clamped (§8.3): that warning does not drop the entry.
      const before = ctx.mark;
      mc.reportBits = readReportBits(ctx, v);
      if (mc.reportBits != BITS_UNSET) notRejections += ctx.mark - before;
    } else ctx.unknownKey(k, where);
  }
  return ctx.mark - start == notRejections;
}

function readAction(ctx: LoadContext, node: YamlNode, mc: MatchConfig): bool {
  if (node.tag.length == 0 && isStringLike(node)) {
    const i = ACTION_NAMES.indexOf(node.text);
    if (i == <i32>Action.Redact) {
      ctx.warn(node, "action redact needs a mask: !redact \"<mask>\"; entry dropped");
      return false;
    }
    if (i < 0) {
      ctx.warn(node, "unknown action '" + node.text + "' (expected ignore, alert, block or !redact \"<mask>\"); entry dropped");
      return false;
    }
    mc.action = <Action>i;
    return true;
  }
  const choice = choiceOf(node);
  if (choice !== null && changetype<Choice>(choice).name == "redact") {
    const c = changetype<Choice>(choice);
    const v = c.value;
    const mask = v === null ? "" : v.text;
    if (v !== null && !isStringLike(v)) {
      ctx.wrongType(v, "redact mask", "an ASCII string");
      return false;
    }
    for (let i = 0; i < mask.length; i++) {
      if (mask.charCodeAt(i) > 0x7f) {
        ctx.fail(v === null ? c.at : v, "redact mask '" + mask + "' is not ASCII");
        return false;
      }
    }
    mc.action = Action.Redact;
    mc.mask = mask;
    return true;
  }
  ctx.wrongType(node, "action", "ignore, alert, block or !redact \"<mask>\"");
  return false;
}

function readContexts(ctx: LoadContext, node: YamlNode, set: ContextSet): void {
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.tag.length == 0 && isStringLike(it)) {
      if (it.text == "keys") set.keys = true;
      else if (it.text == "values") set.values = true;
      else if (it.text == "values_key") set.valuesKey = true;
      else {
        ctx.warn(it, "unknown context '" + it.text + "' (expected keys, values, values_key or !header <name>); " + ctx.outcome);
        continue;
      }
      set.all = false;
      continue;
    }
    const choice = choiceOf(it);
    if (choice !== null && changetype<Choice>(choice).name == "header") {
      const v = changetype<Choice>(choice).value;
      if (v === null || !isStringLike(v)) {
        ctx.warn(it, "!header needs a header name; " + ctx.outcome);
        continue;
      }
      set.headers.push(asciiLower(v.text.trim()));
      set.all = false;
      continue;
    }
    ctx.wrongType(it, "context", "keys, values, values_key or !header <name>");
  }
}
