// Compiles the WAT fixtures in tests/fixtures/host with the wabt package at test time.
// Two small macros keep the fixtures readable:
//   ;;@prelude               replaced by prelude.wat (memory, malloc, logging helpers)
//   (str "text")             -> (i32.const <ptr>) (i32.const <len>) of a data segment holding text
//   (pairs "k" "v" ...)      -> (i32.const <ptr>) (i32.const <len>) of a Proxy-Wasm pair buffer
// Data segments are laid out from byte 4096 of memory 0 (the prelude keeps 0..4095 for scratch).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";
import { encodePairs } from "../../src/host/pairs.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/host/", import.meta.url));
const wabtReady = wabtInit();

/** Decodes a WAT string literal body (\n, \t, \\, \", \', \hh) to bytes. */
function watStringBytes(lit: string): Buffer {
  const out: number[] = [];
  for (let i = 0; i < lit.length; i++) {
    const c = lit[i]!;
    if (c !== "\\") { out.push(...Buffer.from(c)); continue; }
    const n = lit[++i]!;
    if (n === "n") out.push(10); else if (n === "t") out.push(9); else if (n === "r") out.push(13);
    else if (n === "\\" || n === '"' || n === "'") out.push(n.charCodeAt(0));
    else { out.push(parseInt(lit.slice(i, i + 2), 16)); i++; }
  }
  return Buffer.from(out);
}

function watBytesLiteral(b: Buffer): string {
  return [...b].map((x) => `\\${x.toString(16).padStart(2, "0")}`).join("");
}

export function expandWat(source: string, hasMemory = true): string {
  let text = source.replace(";;@prelude", readFileSync(`${FIXTURES}prelude.wat`, "utf8"));
  let next = 4096;
  const segments: string[] = [];
  const place = (bytes: Buffer): string => {
    const ptr = next;
    next += bytes.length + 8 - (bytes.length % 8);
    segments.push(`(data (i32.const ${ptr}) "${watBytesLiteral(bytes)}")`);
    return `(i32.const ${ptr}) (i32.const ${bytes.length})`;
  };
  text = text.replace(/\(str "((?:[^"\\]|\\.)*)"\)/g, (_, lit: string) => place(watStringBytes(lit)));
  text = text.replace(/\(pairs((?:\s+"(?:[^"\\]|\\.)*")*)\s*\)/g, (_, body: string) => {
    const lits = [...body.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => watStringBytes(m[1]!));
    const pairs: [Buffer, Buffer][] = [];
    for (let i = 0; i + 1 < lits.length; i += 2) pairs.push([lits[i]!, lits[i + 1]!]);
    return place(encodePairs(pairs));
  });
  if (segments.length && hasMemory) {
    const end = text.lastIndexOf(")");
    text = `${text.slice(0, end)}\n  ${segments.join("\n  ")}\n)`;
  }
  return text;
}

export function fixtureSource(name: string): string {
  return readFileSync(`${FIXTURES}${name}.wat`, "utf8");
}

/** Compiles a fixture file (name without .wat) to wasm bytes. */
export async function fixture(name: string): Promise<Uint8Array> {
  return compileWat(readFileSync(`${FIXTURES}${name}.wat`, "utf8"), `${name}.wat`);
}

export async function compileWat(source: string, filename = "inline.wat"): Promise<Uint8Array> {
  const wabt = await wabtReady;
  const mod = wabt.parseWat(filename, expandWat(source), { bulk_memory: true, mutable_globals: true, sign_extension: true });
  try {
    mod.resolveNames();
    mod.validate();
    return new Uint8Array(mod.toBinary({}).buffer);
  } finally {
    mod.destroy();
  }
}
