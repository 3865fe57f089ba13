// Shared helpers for host tests built on the recorder fixture.
import { loadPlugin, type Plugin, type PluginOptions } from "../../src/index.ts";
import { fixture } from "./wat.ts";

let recorder: Promise<Uint8Array> | undefined;

/** Loads tests/fixtures/host/recorder.wat with a behaviour string (see the fixture's header). */
export async function loadRecorder(configuration: string, options: PluginOptions = {}): Promise<Plugin> {
  recorder ??= fixture("recorder");
  return loadPlugin({ logLevel: "info", ...options, wasm: await recorder, configuration });
}

/** Messages the module logged (not host lines), optionally from the n-th record on. */
export function moduleLog(p: Plugin, from = 0): string[] {
  return p.logs.slice(from).filter((r) => r.source === "wasm").map((r) => r.message);
}

export const GET: [string, string][] = [[":method", "GET"], [":path", "/items?id=7"], [":authority", "shop.local"], [":scheme", "http"]];
export const POST: [string, string][] = [[":method", "POST"], [":path", "/upload"], [":authority", "shop.local"], [":scheme", "http"], ["content-type", "text/plain"]];
export const OK: [string, string][] = [[":status", "200"], ["content-type", "text/plain"]];
export const b = (s: string): Buffer => Buffer.from(s);
