// Errors and warnings of a YAML parse, and the parse result.
//
// Positions are 1-based. Columns count Unicode code points (UTF-8 lead bytes) from the
// start of the line, so they match what an editor shows for non-ASCII text; a tab counts
// as one column.

import { YamlNode } from "./node";

export class YamlDiagnostic {
  line: i32;
  column: i32;
  message: string;

  constructor(line: i32, column: i32, message: string) {
    this.line = line;
    this.column = column;
    this.message = message;
  }

  toString(): string {
    return this.line.toString() + ":" + this.column.toString() + ": " + this.message;
  }
}

export class YamlDocument {
  /** The document's root; null exactly when `errors` is non-empty (no partial documents). */
  root: YamlNode | null = null;
  errors: Array<YamlDiagnostic> = [];
  warnings: Array<YamlDiagnostic> = [];

  ok(): bool {
    return this.errors.length == 0 && this.root !== null;
  }
}
