// Helpers shared by the policy specs.
import { ConfigProblems } from "../../../assembly/config/diagnostics";
import { Policy, loadPolicyText } from "../../../assembly/policy/index";

export class Loaded {
  constructor(public policy: Policy | null, public problems: ConfigProblems) {}

  get p(): Policy {
    return this.policy!;
  }

  /** Every problem as "line:column: message", one per line. */
  get messages(): string {
    const out = new Array<string>();
    for (let i = 0; i < this.problems.items.length; i++) out.push(this.problems.items[i].toString());
    return out.join("\n");
  }

  /** The problems' "line:column" prefixes, comma-separated. */
  get positions(): string {
    const out = new Array<string>();
    for (let i = 0; i < this.problems.items.length; i++) {
      const it = this.problems.items[i];
      out.push(it.line.toString() + ":" + it.column.toString());
    }
    return out.join(",");
  }

  get count(): i32 {
    return this.problems.items.length;
  }

  has(fragment: string): bool {
    return this.messages.includes(fragment);
  }
}

/** Loads a policy from YAML text with no message prefix. */
export function load(src: string): Loaded {
  const problems = new ConfigProblems();
  const p = loadPolicyText(Uint8Array.wrap(String.UTF8.encode(src)), problems, "");
  return new Loaded(p, problems);
}

/** Loads and expects no problem at all. */
export function loadClean(src: string): Policy {
  const l = load(src);
  if (l.count > 0) trace("unexpected problems:\n" + l.messages);
  expect(l.count).toBe(0);
  expect(l.policy).not.toBeNull();
  return l.policy!;
}

/** Loads and expects exactly one warning, at `where` ("line:column"), containing `fragment`. */
export function loadWarn(src: string, where: string, fragment: string): Loaded {
  const l = load(src);
  if (l.count != 1 || l.positions != where || !l.has(fragment)) trace("problems:\n" + l.messages);
  expect(l.policy).not.toBeNull();
  expect(l.count).toBe(1);
  expect(l.positions).toBe(where);
  expect(l.has(fragment)).toBe(true);
  expect(l.problems.hasFatal()).toBe(false);
  return l;
}

/** Loads and expects a fatal error at `where` containing `fragment`. */
export function loadFatal(src: string, where: string, fragment: string): Loaded {
  const l = load(src);
  const f = l.problems.firstFatal();
  if (f === null || f.line.toString() + ":" + f.column.toString() != where || !f.message.includes(fragment)) trace("problems:\n" + l.messages);
  expect(l.policy).toBeNull();
  expect(f).not.toBeNull();
  expect(f!.line.toString() + ":" + f!.column.toString()).toBe(where);
  expect(f!.message.includes(fragment)).toBe(true);
  return l;
}
