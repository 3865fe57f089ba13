import { EffectiveConfig, EffectiveEntry } from "../policy/resolve";
import { Action, SEARCH_REQUEST_BODY, SEARCH_RESPONSE_BODY, SEARCH_REQUEST_HEADER, SEARCH_RESPONSE_HEADER } from "../policy/match-config";
import { CompiledPolicy } from "../matching/compiled-policy";
import { PartMask, partMask } from "../matching/emissions";

/**
 * Which entries of an effective configuration search one message (spec §4.2 `search`,
 * `content_types`; ignore entries dropped), what each searches, and what that implies for
 * the message. It depends only on (configuration, direction, parser), so it is computed once
 * per such triple and shared read-only by every message with them (Inspection.selection).
 */
export class MessageSelection {
  entries: Array<EffectiveEntry> = [];
  parts: Array<PartMask> = [];
  /** entries[i]'s plan (-1 without one), activated for the message. */
  plans: Array<i32> = [];
  /** entries[i] lists values_key: its plan's key candidates stand for the values under them. */
  valuesKey: Array<bool> = [];
  /** Some entry blocks or redacts the body (it is held until scanned, §7.6). */
  enforceBody: bool = false;
  redactsBody: bool = false;
  anyHeaders: bool = false;
}

export function selectEntries(effective: EffectiveConfig, isResponse: bool, parserId: i32, compiled: CompiledPolicy): MessageSelection {
  const out = new MessageSelection();
  const bodyBit = isResponse ? SEARCH_RESPONSE_BODY : SEARCH_REQUEST_BODY;
  const headerBit = isResponse ? SEARCH_RESPONSE_HEADER : SEARCH_REQUEST_HEADER;
  for (let i = 0; i < effective.entries.length; i++) {
    const e = effective.entries[i];
    if (e.config.action == Action.Ignore || e.config.category === null) continue;
    // content_types is a whitelist on the message's parser, and it gates the headers too (§4.2 Decision)
    const types = e.config.contentTypes;
    if (types.length > 0 && !types.includes(parserId)) continue;
    const body = (e.search & bodyBit) != 0, hdrs = (e.search & headerBit) != 0;
    if (!body && !hdrs) continue;
    out.entries.push(e);
    out.parts.push(partMask(body, hdrs));
    out.plans.push(compiled.planIndex(e.config.category));
    out.valuesKey.push(e.config.contexts.valuesKey);
    if (body && (e.config.action == Action.Block || e.config.action == Action.Redact)) out.enforceBody = true;
    if (body && e.config.action == Action.Redact) out.redactsBody = true;
    out.anyHeaders = out.anyHeaders || hdrs;
  }
  return out;
}
