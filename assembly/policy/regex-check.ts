// Load-time regex validation (spec §2.3, §7.1). The engine's parser accepts every construct
// some tier can run (tier 2 constructs parse to their own nodes), so a parse error means no
// tier can compile the pattern: fatal. An unknown Unicode property is the one exception the
// spec names: it disables only the rule that uses it, with a warning.
import { parse } from "../regex/parser";
import { YamlNode } from "../yaml/index";
import { LoadContext } from "./read";

export const enum RegexVerdict { Ok, DropRule, Fatal }

export function checkRegex(ctx: LoadContext, node: YamlNode, source: string, what: string): RegexVerdict {
  const r = parse(source);
  const err = r.error;
  if (err === null) return RegexVerdict.Ok;
  const detail = err.message + " at byte " + err.position.toString();
  if (err.message.startsWith("unknown Unicode property")) {
    ctx.warn(node, what + " '" + source + "' uses an unsupported property (" + detail + "); rule disabled");
    return RegexVerdict.DropRule;
  }
  ctx.fail(node, what + " '" + source + "' cannot be compiled: " + detail);
  return RegexVerdict.Fatal;
}
