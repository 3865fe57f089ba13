// Token extraction (spec §4.4): where the token comes from and the chain of steps that turns
// the raw header value into the token. Legacy `regex`/`hash` fields are folded into the chain
// at load (§4.4 Decision: legacy regex first, then the steps, then hash), so the runtime
// only ever walks one list.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, Choice, choiceOf, isStringLike, oneOrMore, readString, readEnum, asciiLower } from "./read";
import { checkRegex, RegexVerdict } from "./regex-check";
import { JsonPath, parseTokenJsonPath } from "./json-path";

export const enum TokenLocation { Request, RequestCookie, Response }
export const TOKEN_LOCATION_NAMES: Array<string> = ["request", "request_cookie", "response"];

export const enum StepKind { Regex, JwtDecode, JsonPath, Hash, Metadata }
export const STEP_NAMES: Array<string> = ["regex", "jwt_decode", "json_path", "hash", "metadata"];

export class MetadataField {
  constructor(public name: string, public steps: Array<ExtractorStep>) {}
}

export class ExtractorStep {
  kind: StepKind;
  /** Regex: the source (searched unanchored; group 1 if it participated). */
  regex: string = "";
  jsonPath: JsonPath | null = null;
  /** Metadata: each field forks from the current value. */
  metadata: Array<MetadataField> = [];

  constructor(kind: StepKind) {
    this.kind = kind;
  }
}

export class TokenExtractor {
  location: TokenLocation = TokenLocation.Request;
  /** Header name (lowercased), or the cookie name as written for request_cookie. */
  header: string = "";
  steps: Array<ExtractorStep> = [];
  line: i32;
  column: i32;

  constructor(at: YamlNode) {
    this.line = at.line;
    this.column = at.column;
  }
}

/** The whole extractor, or null after a warning: any invalid part drops it (§0). */
export function readTokenExtractor(ctx: LoadContext, node: YamlNode): TokenExtractor | null {
  if (node.kind != YamlKind.Mapping) {
    ctx.wrongType(node, "token_extractor", "a map");
    return null;
  }
  // A rejected field drops the extractor (§0: the extractor is the smallest item); a bad
  // metadata field drops only that field.
  const saved = ctx.outcome;
  ctx.outcome = "token_extractor dropped";
  const te = readTokenExtractorFields(ctx, node);
  ctx.outcome = saved;
  return te;
}

function readTokenExtractorFields(ctx: LoadContext, node: YamlNode): TokenExtractor | null {
  const te = new TokenExtractor(node);
  let legacyRegex: ExtractorStep | null = null;
  let legacyHash = false;
  let chain = new Array<ExtractorStep>();
  let header = "";
  let haveHeader = false;
  for (let i = 0; i < node.keys.length; i++) {
    const k = node.keys[i];
    const v = node.values[i];
    const key = k.text;
    if (key == "location") {
      const loc = readEnum(ctx, v, "token_extractor location", TOKEN_LOCATION_NAMES);
      if (loc < 0) return null;
      te.location = <TokenLocation>loc;
    } else if (key == "header") {
      const h = readString(ctx, v, "token_extractor header");
      if (h === null) return null;
      header = h.trim();
      haveHeader = true;
    } else if (key == "extractor") {
      const steps = readSteps(ctx, v);
      if (steps === null) return dropped(ctx, node);
      chain = steps;
    } else if (key == "regex") {
      const s = readRegexStep(ctx, v);
      if (s === null) return dropped(ctx, node);
      legacyRegex = s;
    } else if (key == "hash") {
      if (v.kind != YamlKind.Bool) {
        ctx.wrongType(v, "token_extractor hash", "true or false");
        return null;
      }
      legacyHash = v.boolValue;
    } else {
      ctx.unknownKey(k, "token_extractor");
      return null;
    }
  }
  if (!haveHeader || header.length == 0) {
    ctx.warn(node, "token_extractor needs a header (or cookie) name; token_extractor dropped");
    return null;
  }
  te.header = te.location == TokenLocation.RequestCookie ? header : asciiLower(header);
  if (legacyRegex !== null) te.steps.push(legacyRegex);
  for (let i = 0; i < chain.length; i++) te.steps.push(chain[i]);
  if (legacyHash) te.steps.push(new ExtractorStep(StepKind.Hash));
  return te;
}

function dropped(ctx: LoadContext, node: YamlNode): TokenExtractor | null {
  ctx.warn(node, "token_extractor dropped");
  return null;
}

/** One or more steps; null if any step is invalid. */
function readSteps(ctx: LoadContext, node: YamlNode): Array<ExtractorStep> | null {
  const out = new Array<ExtractorStep>();
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const s = readStep(ctx, items[i]);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

function readStep(ctx: LoadContext, node: YamlNode): ExtractorStep | null {
  const choice = choiceOf(node);
  if (choice === null) {
    ctx.wrongType(node, "extractor step", "regex, jwt_decode, json_path, hash or metadata");
    return null;
  }
  const c = changetype<Choice>(choice);
  const kind = STEP_NAMES.indexOf(c.name);
  if (kind < 0) {
    ctx.warn(c.at, "unknown extractor step '" + c.name + "' (expected one of " + STEP_NAMES.join(", ") + ")");
    return null;
  }
  const v = c.value;
  switch (<StepKind>kind) {
    case StepKind.JwtDecode:
    case StepKind.Hash: {
      if (v !== null) ctx.warn(v, "extractor step '" + c.name + "' takes no argument; argument ignored");
      return new ExtractorStep(<StepKind>kind);
    }
    case StepKind.Regex: {
      if (v === null) {
        ctx.warn(c.at, "extractor step regex needs a pattern");
        return null;
      }
      return readRegexStep(ctx, v);
    }
    case StepKind.JsonPath: {
      if (v === null || !isStringLike(v)) {
        ctx.warn(c.at, "extractor step json_path needs a path such as \"$.sub\"");
        return null;
      }
      const p = parseTokenJsonPath(v.text);
      if (!p.ok) {
        ctx.warn(v, "json_path '" + v.text + "' is invalid: " + p.error);
        return null;
      }
      const s = new ExtractorStep(StepKind.JsonPath);
      s.jsonPath = p;
      return s;
    }
    default: {
      // metadata: name → one or more steps; an invalid field is dropped alone.
      if (v === null || v.kind != YamlKind.Mapping) {
        ctx.warn(c.at, "extractor step metadata needs a map of name to steps");
        return null;
      }
      const s = new ExtractorStep(StepKind.Metadata);
      const m = v;
      for (let i = 0; i < m.keys.length; i++) {
        const steps = readSteps(ctx, m.values[i]);
        if (steps === null) {
          ctx.warn(m.keys[i], "token metadata '" + m.keys[i].text + "' dropped");
          continue;
        }
        s.metadata.push(new MetadataField(m.keys[i].text, steps));
      }
      return s;
    }
  }
}

function readRegexStep(ctx: LoadContext, node: YamlNode): ExtractorStep | null {
  if (!isStringLike(node)) {
    ctx.wrongType(node, "extractor regex", "a string");
    return null;
  }
  if (checkRegex(ctx, node, node.text, "extractor regex") != RegexVerdict.Ok) return null;
  const s = new ExtractorStep(StepKind.Regex);
  s.regex = node.text;
  return s;
}
