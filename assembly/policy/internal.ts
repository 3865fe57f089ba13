// Internal (native) matchers and their arguments (spec §3.3). Loading turns the argument
// forms into plain data: a kind, a region, or a list of hash / error-text type ids, so the
// matchers never look at names at runtime.
import { YamlNode, YamlKind } from "../yaml/index";
import { LoadContext, Choice, choiceOf, oneOrMore, isStringLike } from "./read";
// Which regions the validator checks exactly is the validator's own knowledge (its
// numbering plans); the loader asks it, so the load warning never disagrees with it.
import { nationalPhoneRegionSupported } from "../matchers/internal/phone";

export const enum InternalKind { CreditCard, RoutingNumber, IntPhone, NationalPhone, Sql, Hash, ErrorText }

export const INTERNAL_NAMES: Array<string> = ["credit_card", "routing_number", "int_phone", "national_phone", "sql", "hash", "error_text"];

/** The 29 hash shapes of §3.3, in the spec's order; a hash type id is an index here. */
export const HASH_TYPES: Array<string> = [
  "bcrypt", "bcrypt_sha256", "sha256_crypt", "sha512_crypt", "md5_crypt", "apr_md5_crypt", "sha1_crypt",
  "sun_md5_crypt", "argon2", "phpass", "pbkdf2_sha1", "pbkdf2_sha256", "pbkdf2_sha512", "scram", "scrypt",
  "cta_pbkdf2_sha1", "dlitz_pbkdf2_sha1", "mssql2000", "mssql2005", "mysql141", "postgres_md5", "oracle11",
  "bsd_nthash", "django_pbkdf2_sha1", "django_pbkdf2_sha256", "django_salted_sha1", "django_salted_md5",
  "django_des_crypt", "grub_pbkdf2_sha512",
];

/** The 25 error-text types of §3.3; the first DEFAULT_ERROR_TYPES are the default set
 *  (the ones LeakSignal stars). An error type id is an index here. */
export const ERROR_TYPES: Array<string> = [
  "js_error", "py_error", "java_error", "rust_error", "ruby_error", "go_error", "php_error", "mysql_error",
  "postgres_error", "redis_error", "mongodb_error",
  "type_error", "uncaught", "socket_error", "operation_not_supported", "callback", "segfault", "runtime_error",
  "out_of_memory", "permission_denied", "command_not_found", "js_unknown_argument", "js_invalid_invocation",
  "js_bug_message", "envoy_segfault",
];
export const DEFAULT_ERROR_TYPES: i32 = 11;


export class InternalMatcher {
  kind: InternalKind;
  /** national_phone: ISO 3166 alpha-2, uppercase. */
  region: string = "";
  /** national_phone: false when the region is not validated exactly (it then passes). */
  regionSupported: bool = true;
  /** hash: type ids (indexes into HASH_TYPES), declaration order, no duplicates. */
  hashTypes: Array<i32> = [];
  /** error_text: type ids (indexes into ERROR_TYPES). */
  errorTypes: Array<i32> = [];

  constructor(kind: InternalKind) {
    this.kind = kind;
  }

  get name(): string {
    return INTERNAL_NAMES[<i32>this.kind];
  }
}

export function allHashTypes(): Array<i32> {
  const out = new Array<i32>();
  for (let i = 0; i < HASH_TYPES.length; i++) out.push(i);
  return out;
}

export function defaultErrorTypes(): Array<i32> {
  const out = new Array<i32>();
  for (let i = 0; i < DEFAULT_ERROR_TYPES; i++) out.push(i);
  return out;
}

/** `snake_case` → `PascalCase`, for the exploit-detection category names (§4.6). */
export function pascalCase(name: string): string {
  const parts = name.split("_");
  let out = "";
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (p.length == 0) continue;
    out += p.charAt(0).toUpperCase() + p.substring(1);
  }
  return out;
}

/**
 * Reads the argument of `internal:` (the node after the key, or the tagged node of
 * `- !internal x`). Returns null after a warning: the caller drops the rule.
 */
export function readInternal(ctx: LoadContext, node: YamlNode): InternalMatcher | null {
  const choice = choiceOf(node);
  if (choice === null) {
    ctx.warn(node, "internal matcher must be a name, '!name argument' or '{name: argument}'; rule dropped");
    return null;
  }
  const c = changetype<Choice>(choice);
  const kind = INTERNAL_NAMES.indexOf(c.name);
  if (kind < 0) {
    ctx.warn(c.at, "unknown internal matcher '" + c.name + "' (expected one of " + INTERNAL_NAMES.join(", ") + "); rule dropped");
    return null;
  }
  const m = new InternalMatcher(<InternalKind>kind);
  const arg = c.value;
  switch (<InternalKind>kind) {
    case InternalKind.NationalPhone: {
      if (arg === null || !isStringLike(arg)) {
        ctx.warn(c.at, "national_phone needs an ISO 3166 alpha-2 region (e.g. '!national_phone US'); rule dropped");
        return null;
      }
      const region = arg.text.trim().toUpperCase();
      if (!isRegionCode(region)) {
        ctx.warn(arg, "national_phone region '" + arg.text + "' is not an ISO 3166 alpha-2 code; rule dropped");
        return null;
      }
      m.region = region;
      if (!nationalPhoneRegionSupported(region)) {
        m.regionSupported = false;
        ctx.warn(arg, "national_phone region '" + region + "' is not validated exactly; numbers of that region pass");
      }
      return m;
    }
    case InternalKind.Hash: {
      if (arg === null) {
        m.hashTypes = allHashTypes();
        return m;
      }
      return readTypeList(ctx, arg, "hash", HASH_TYPES, m.hashTypes) ? m : null;
    }
    case InternalKind.ErrorText: {
      if (arg === null) {
        m.errorTypes = defaultErrorTypes();
        return m;
      }
      return readTypeList(ctx, arg, "error_text", ERROR_TYPES, m.errorTypes) ? m : null;
    }
    default: {
      if (arg !== null) {
        ctx.warn(arg, "internal matcher '" + c.name + "' takes no argument; argument ignored");
      }
      return m;
    }
  }
}

/**
 * One or more type names into ids. An unknown name warns and is skipped; a list left empty
 * is refused (an empty type set would silently match nothing): `outcome` says what the
 * caller does then.
 */
export function readTypeList(ctx: LoadContext, node: YamlNode, what: string, names: Array<string>, out: Array<i32>, outcome: string = "rule dropped"): bool {
  const items = oneOrMore(node);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (!isStringLike(item)) {
      ctx.warn(item, what + " type must be a name, found " + (item.kind == YamlKind.Mapping ? "a map" : "a list") + "; ignored");
      continue;
    }
    const id = names.indexOf(item.text);
    if (id < 0) {
      ctx.warn(item, "unknown " + what + " type '" + item.text + "'; ignored");
      continue;
    }
    if (!out.includes(id)) out.push(id);
  }
  if (out.length == 0) {
    ctx.warn(node, what + " lists no known type; " + outcome);
    return false;
  }
  return true;
}

function isRegionCode(s: string): bool {
  if (s.length != 2) return false;
  for (let i = 0; i < 2; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x41 || c > 0x5a) return false;
  }
  return true;
}
