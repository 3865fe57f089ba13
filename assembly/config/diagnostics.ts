// Problems found while reading a configuration. Each names where (line:column in the source
// document) and what; `fatal` ones make proxy_on_configure return false (spec §1, §2.3),
// the others are warnings and the offending item is dropped (spec §0, lenient loading).
export class ConfigProblem {
  constructor(public line: i32, public column: i32, public message: string, public fatal: bool) {}

  toString(): string {
    return this.line.toString() + ":" + this.column.toString() + ": " + this.message;
  }
}

export class ConfigProblems {
  items: Array<ConfigProblem> = [];

  warn(line: i32, column: i32, message: string): void {
    this.items.push(new ConfigProblem(line, column, message, false));
  }

  fail(line: i32, column: i32, message: string): void {
    this.items.push(new ConfigProblem(line, column, message, true));
  }

  hasFatal(): bool {
    for (let i = 0; i < this.items.length; i++) if (this.items[i].fatal) return true;
    return false;
  }

  countWarnings(): i32 {
    let n = 0;
    for (let i = 0; i < this.items.length; i++) if (!this.items[i].fatal) n++;
    return n;
  }

  firstFatal(): ConfigProblem | null {
    for (let i = 0; i < this.items.length; i++) if (this.items[i].fatal) return this.items[i];
    return null;
  }
}
