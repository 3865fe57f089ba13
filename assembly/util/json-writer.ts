// A small JSON text builder for log records and reports: appends to one string builder,
// escaping per RFC 8259 (control characters as \u00XX), no intermediate objects.

const HEX = "0123456789abcdef";

export class JsonWriter {
  private parts: Array<string> = [];
  private first: bool = true;

  begin(): this { this.parts.push("{"); this.first = true; return this; }
  end(): string { this.parts.push("}"); const s = this.parts.join(""); this.parts.length = 0; return s; }

  private key(name: string): void {
    if (!this.first) this.parts.push(",");
    this.first = false;
    this.parts.push(quote(name));
    this.parts.push(":");
  }

  str(name: string, value: string): this { this.key(name); this.parts.push(quote(value)); return this; }
  int(name: string, value: i64): this { this.key(name); this.parts.push(value.toString()); return this; }
  bool(name: string, value: bool): this { this.key(name); this.parts.push(value ? "true" : "false"); return this; }
  nul(name: string): this { this.key(name); this.parts.push("null"); return this; }
  raw(name: string, json: string): this { this.key(name); this.parts.push(json); return this; }
}

export function quote(s: string): string {
  let needs = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c == 0x22 || c == 0x5c) { needs = true; break; }
  }
  if (!needs) return "\"" + s + "\"";
  const out = new Array<string>();
  out.push("\"");
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c != 0x22 && c != 0x5c) continue;
    if (i > from) out.push(s.substring(from, i));
    from = i + 1;
    if (c == 0x22) out.push("\\\"");
    else if (c == 0x5c) out.push("\\\\");
    else if (c == 0x0a) out.push("\\n");
    else if (c == 0x0d) out.push("\\r");
    else if (c == 0x09) out.push("\\t");
    else out.push("\\u00" + HEX.charAt(c >> 4) + HEX.charAt(c & 15));
  }
  if (from < s.length) out.push(s.substring(from));
  out.push("\"");
  return out.join("");
}
