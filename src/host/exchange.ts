// One HTTP exchange driven through a plugin, the way a proxy would: request in, upstream request out
// (if the filter lets it go), response in (from a fixed value or a function of the upstream
// request), downstream response out, then end(). Waits for callouts the filter is waiting on.
import type { HeaderList } from "./header-map.ts";
import type { LogRecord } from "./log.ts";
import type { Plugin } from "./plugin.ts";
import type { CalloutRecord } from "./services.ts";
import type { LocalReply } from "./stream.ts";
import type { StreamProperties } from "./stream-properties.ts";

export interface HttpMessageSpec {
  headers: [string, string][];
  /** Body chunks, delivered one callback each. */
  body?: Uint8Array[];
  trailers?: [string, string][];
}

export interface UpstreamRequest { headers: HeaderList; body: Buffer; trailers: HeaderList }

export interface ExchangeSpec {
  request: HttpMessageSpec;
  /** The upstream's answer, or a function of what reached the upstream. */
  response: HttpMessageSpec | ((upstreamRequest: UpstreamRequest) => HttpMessageSpec | Promise<HttpMessageSpec>);
  properties?: StreamProperties;
}

export interface ExchangeResult {
  /** What reached the upstream; null if nothing did (local reply, reset, or still held). */
  upstreamRequest: UpstreamRequest | null;
  downstreamResponse: { headers: HeaderList; body: Buffer; trailers: HeaderList };
  localReply?: { status: number; details: string; body: Buffer; headers: HeaderList };
  reset?: string;
  /** Set when the filter kept holding a direction with nothing in flight to resume it (Envoy would
   * wait for a timeout). */
  stalled?: "request" | "response";
  logs: LogRecord[];
  callouts: CalloutRecord[];
}

function chunksOf(m: HttpMessageSpec): Uint8Array[] { return m.body ?? []; }

export async function runExchange(plugin: Plugin, spec: ExchangeSpec): Promise<ExchangeResult> {
  const logStart = plugin.logs.length;
  const calloutStart = plugin.callouts.length;
  const up = { headers: null as HeaderList | null, body: [] as Buffer[], trailers: [] as HeaderList, done: false };
  const down = { headers: null as HeaderList | null, body: [] as Buffer[], trailers: [] as HeaderList, done: false };
  let localReply: LocalReply | undefined;
  let reset: string | undefined;

  const stream = plugin.newStream(spec.properties ?? {}, {
    upstreamHeaders: (h, end) => { up.headers = h; up.done ||= end; },
    upstreamData: (c, end) => { up.body.push(c); up.done ||= end; },
    upstreamTrailers: (t) => { up.trailers = t; up.done = true; },
    downstreamHeaders: (h, end) => { down.headers = h; down.done ||= end; },
    downstreamData: (c, end) => { down.body.push(c); down.done ||= end; },
    downstreamTrailers: (t) => { down.trailers = t; down.done = true; },
    localReply: (r) => { localReply = r; },
    reset: (why) => { reset = why; },
  });

  const send = (m: HttpMessageSpec, isRequest: boolean): void => {
    const chunks = chunksOf(m);
    const hasTrailers = (m.trailers?.length ?? 0) > 0;
    const live = () => reset === undefined && (isRequest ? localReply === undefined : true);
    if (isRequest) stream.requestHeaders(m.headers, chunks.length === 0 && !hasTrailers);
    else stream.responseHeaders(m.headers, chunks.length === 0 && !hasTrailers);
    chunks.forEach((c, i) => {
      if (!live()) return;
      const end = i === chunks.length - 1 && !hasTrailers;
      if (isRequest) stream.requestData(c, end); else stream.responseData(c, end);
    });
    if (hasTrailers && live()) { if (isRequest) stream.requestTrailers(m.trailers!); else stream.responseTrailers(m.trailers!); }
  };

  // Waits for in-flight callouts while `until` is not met; stops when nothing is left to wait for.
  const progress = async (until: () => boolean): Promise<boolean> => {
    for (;;) {
      if (until()) return true;
      if (plugin.inFlight === 0) { await new Promise<void>((r) => setImmediate(r)); if (plugin.inFlight === 0) return until(); }
      await plugin.settle();
    }
  };

  let stalled: ExchangeResult["stalled"];
  send(spec.request, true);
  const requestOut = await progress(() => up.done || localReply !== undefined || reset !== undefined);
  if (!requestOut) stalled = "request";
  const upstreamRequest: UpstreamRequest | null = up.headers
    ? { headers: up.headers, body: Buffer.concat(up.body), trailers: up.trailers }
    : null;

  if (up.done && !localReply && reset === undefined) {
    const response = typeof spec.response === "function" ? await spec.response(upstreamRequest!) : spec.response;
    send(response, false);
  }
  if (!stalled && reset === undefined) {
    const responseOut = await progress(() => down.done || reset !== undefined);
    if (!responseOut) stalled = "response";
  }
  stream.end();
  await plugin.settle();

  const result: ExchangeResult = {
    upstreamRequest,
    downstreamResponse: { headers: down.headers ?? [], body: Buffer.concat(down.body), trailers: down.trailers },
    logs: plugin.logs.slice(logStart),
    callouts: plugin.callouts.slice(calloutStart),
  };
  if (localReply) result.localReply = { status: localReply.status, details: localReply.details, body: localReply.body, headers: localReply.headers };
  if (reset !== undefined) result.reset = reset;
  if (stalled) result.stalled = stalled;
  return result;
}
