import { createServer, request as httpRequest, type ClientRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Plugin, HttpStream, LocalReply } from "../host/index.ts";
import { hasBody, requestHeaderList, responseHeaderList, splitPseudo, trailerList, type HeaderList } from "./header-convert.ts";

export interface ReverseProxyOptions {
  plugin: Plugin;
  upstream: URL;
  host?: string;
  port?: number;
  /** Called once per finished exchange, for the access log line. */
  onExchange?: (line: string) => void;
}

/**
 * A reverse proxy that behaves like Envoy's connection manager around the filter: each
 * exchange becomes one HttpStream; request and response chunks are fed to it as they arrive
 * and forwarded only when the filter lets them through (held while it stops iteration,
 * replaced by a local reply, cut by a reset).
 */
export function startReverseProxy(options: ReverseProxyOptions): Promise<Server> {
  const server = createServer((req, res) => proxyExchange(options, req, res));
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8000, options.host ?? "127.0.0.1", () => resolve(server));
  });
}

function proxyExchange(options: ReverseProxyOptions, req: IncomingMessage, res: ServerResponse): void {
  const { plugin, upstream } = options;
  const started = Date.now();
  let upstreamReq: ClientRequest | null = null;
  let upstreamRes: IncomingMessage | null = null;
  let stream: HttpStream;
  let finished = false;
  let outcome = "";

  const finish = (why: string): void => {
    if (finished) return;
    finished = true;
    outcome = why;
    upstreamReq?.destroy();
    upstreamRes?.destroy();
    stream.end();
    const status = res.headersSent ? res.statusCode : 0;
    options.onExchange?.(`${req.method} ${req.url} -> ${status || "-"} ${outcome} ${Date.now() - started}ms`);
  };

  const openUpstream = (headers: HeaderList, endStream: boolean): void => {
    const { pseudo, flat } = splitPseudo(headers);
    const path = pseudo.get(":path") ?? "/";
    const authority = pseudo.get(":authority") || upstream.host;
    upstreamReq = httpRequest({
      host: upstream.hostname,
      port: upstream.port || 80,
      method: pseudo.get(":method") ?? "GET",
      path,
      headers: [...flat, "host", authority],
    });
    upstreamReq.on("response", (upRes) => {
      upstreamRes = upRes;
      const noBody = responseHasNoBody(pseudo.get(":method"), upRes);
      stream.responseHeaders(responseHeaderList(upRes), noBody);
      if (noBody) { upRes.resume(); return; }
      upRes.on("data", (chunk: Buffer) => stream.responseData(chunk, false));
      upRes.on("end", () => {
        const trailers = trailerList(upRes.trailers, upRes.rawTrailers);
        if (trailers.length > 0) stream.responseTrailers(trailers);
        else stream.responseData(Buffer.alloc(0), true);
      });
      upRes.on("error", () => stream.responseData(Buffer.alloc(0), true));
    });
    upstreamReq.on("error", (err) => {
      if (upstreamRes || finished) return;
      // Envoy's router answers a failed upstream itself, and that reply still passes through
      // the encoder filters, so the filter sees it as a response.
      const body = Buffer.from(`upstream connect error or disconnect/reset before headers. reset reason: ${err.message}\n`);
      stream.responseHeaders([[":status", "503"], ["content-type", "text/plain"], ["content-length", String(body.length)]], false);
      stream.responseData(body, true);
    });
    if (endStream) upstreamReq.end();
  };

  stream = plugin.newStream(
    {
      sourceAddress: `${req.socket.remoteAddress ?? "127.0.0.1"}:${req.socket.remotePort ?? 0}`,
      destinationAddress: `${req.socket.localAddress ?? "127.0.0.1"}:${req.socket.localPort ?? 0}`,
      protocol: `HTTP/${req.httpVersion}`,
    },
    {
      upstreamHeaders: (headers, endStream) => openUpstream(headers, endStream),
      upstreamData: (chunk, endStream) => {
        if (!upstreamReq) return;
        if (chunk.length > 0) upstreamReq.write(chunk);
        if (endStream) upstreamReq.end();
      },
      upstreamTrailers: (trailers) => {
        if (!upstreamReq) return;
        upstreamReq.addTrailers(Object.fromEntries(trailers));
        upstreamReq.end();
      },
      downstreamHeaders: (headers, endStream) => {
        const { pseudo, flat } = splitPseudo(headers);
        res.writeHead(Number(pseudo.get(":status") ?? 502), flat);
        if (endStream) res.end();
      },
      downstreamData: (chunk, endStream) => {
        if (chunk.length > 0) res.write(chunk);
        if (endStream) res.end();
      },
      downstreamTrailers: (trailers) => {
        res.addTrailers(Object.fromEntries(trailers));
        res.end();
      },
      localReply: (reply: LocalReply) => {
        outcome = `local-reply(${reply.details})`;
        upstreamReq?.destroy();
      },
      reset: (reason) => {
        outcome = `reset(${reason})`;
        res.destroy();
        finish(outcome);
      },
    },
  );

  res.on("finish", () => finish(outcome || "ok"));
  res.on("close", () => finish(outcome || (res.writableFinished ? "ok" : "downstream-closed")));

  const withBody = hasBody(req.headers, req.method);
  stream.requestHeaders(requestHeaderList(req, "http"), !withBody);
  if (!withBody) { req.resume(); return; }
  req.on("data", (chunk: Buffer) => stream.requestData(chunk, false));
  req.on("end", () => {
    const trailers = trailerList(req.trailers, req.rawTrailers);
    if (trailers.length > 0) stream.requestTrailers(trailers);
    else stream.requestData(Buffer.alloc(0), true);
  });
}

/** RFC 9110 §6.4.1: HEAD answers, 1xx, 204 and 304 carry no body; nor does content-length: 0. */
function responseHasNoBody(method: string | undefined, res: IncomingMessage): boolean {
  const status = res.statusCode ?? 200;
  return method === "HEAD" || status < 200 || status === 204 || status === 304 || res.headers["content-length"] === "0";
}
