import { readFileSync } from "node:fs";
import { checkFile, formatReport } from "../check/check.ts";
import { helpText, parseFlags, UsageError, type FlagSpec } from "./args.ts";

const FLAGS: FlagSpec[] = [
  { name: "wasm", value: "FILE", help: "filter module (default build/leakscope.wasm)" },
  { name: "json", help: "print the findings as JSON" },
  { name: "help", help: "show this help" },
];

export const CHECK_USAGE = `leakscope check FILE...\n\nLoads each policy, plugin configuration, or Envoy/Istio YAML that embeds one, in the real\nfilter, and prints every error and warning with file:line:column. Exit 1 if any is rejected.\n\n${helpText(FLAGS)}`;

export async function runCheck(argv: string[]): Promise<number> {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (flags.has("help")) { console.log(CHECK_USAGE); return 0; }
  if (rest.length === 0) throw new UsageError("check needs at least one FILE");
  let failed = false;
  const all = [];
  for (const file of rest) {
    let source: string;
    try { source = readFileSync(file, "utf8"); } catch (err) { throw new UsageError(`cannot read ${file}: ${(err as Error).message}`); }
    let reports;
    try {
      reports = await checkFile(file, source, flags.get("wasm") as string | undefined);
    } catch (err) {
      console.error((err as Error).message);
      failed = true;
      continue;
    }
    for (const r of reports) {
      if (!r.ok) failed = true;
      if (flags.has("json")) all.push(r); else console.log(formatReport(r));
    }
  }
  if (flags.has("json")) console.log(JSON.stringify(all, null, 2));
  return failed ? 1 : 0;
}
