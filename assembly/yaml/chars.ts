// Character classes of the YAML 1.2 grammar, on bytes. EOF is -1 so that every check
// below is false for it except the explicit "or end" ones.

export const EOF: i32 = -1;

export const TAB: i32 = 0x09;
export const LF: i32 = 0x0A;
export const CR: i32 = 0x0D;
export const SPACE: i32 = 0x20;

@inline export function isBreak(c: i32): bool {
  return c == LF || c == CR;
}

@inline export function isBlank(c: i32): bool {
  return c == SPACE || c == TAB;
}

/** Whitespace, line break or end of input: what must follow `-`, `?`, `:` for them to be
 *  indicators, and what ends a tag or anchor. */
@inline export function isWsOrEnd(c: i32): bool {
  return c == SPACE || c == TAB || c == LF || c == CR || c == EOF;
}

/** `,` `[` `]` `{` `}`: they end plain scalars, tags and anchors inside flow collections. */
@inline export function isFlowIndicator(c: i32): bool {
  return c == 0x2C || c == 0x5B || c == 0x5D || c == 0x7B || c == 0x7D;
}

@inline export function isDigit(c: i32): bool {
  return c >= 0x30 && c <= 0x39;
}

/** Value of a hex digit, or -1. */
export function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** Characters that may not start a plain scalar (c-indicator), except that `-`, `?` and
 *  `:` may when a "safe" character follows (checked by the caller). */
export function isIndicator(c: i32): bool {
  switch (c) {
    case 0x2D: // -
    case 0x3F: // ?
    case 0x3A: // :
    case 0x2C: // ,
    case 0x5B: // [
    case 0x5D: // ]
    case 0x7B: // {
    case 0x7D: // }
    case 0x23: // #
    case 0x26: // &
    case 0x2A: // *
    case 0x21: // !
    case 0x7C: // |
    case 0x3E: // >
    case 0x27: // '
    case 0x22: // "
    case 0x25: // %
    case 0x40: // @
    case 0x60: // `
      return true;
  }
  return false;
}
