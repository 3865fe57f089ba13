// A small, strict argument reader: every flag must be known, every value present, so a typo
// fails with a message naming the flag instead of being ignored.

export interface FlagSpec {
  name: string;
  value?: string; // placeholder shown in help; absent = boolean flag
  help: string;
}

export class UsageError extends Error {}

export function parseFlags(argv: string[], specs: FlagSpec[]): { flags: Map<string, string | true>; rest: string[] } {
  const flags = new Map<string, string | true>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("--")) { rest.push(arg); continue; }
    const eq = arg.indexOf("=");
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    const spec = specs.find((s) => s.name === name);
    if (!spec) throw new UsageError(`unknown option --${name}`);
    if (spec.value === undefined) {
      if (eq >= 0) throw new UsageError(`--${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || (eq < 0 && value.startsWith("--"))) throw new UsageError(`--${name} needs a value (${spec.value})`);
    flags.set(name, value);
  }
  return { flags, rest };
}

export function portFlag(flags: Map<string, string | true>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--${name} must be a port number 0-65535, got '${String(raw)}'`);
  return port;
}

export function helpText(specs: FlagSpec[]): string {
  return specs.map((s) => `  --${s.name}${s.value ? ` ${s.value}` : ""}`.padEnd(34) + s.help).join("\n");
}
