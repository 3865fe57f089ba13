import { createServer, type Server } from "node:http";
import { PAGES, indexPage } from "./pages.ts";

export interface DemoUpstreamOptions {
  host?: string;
  port?: number;
  /** Bytes per write: large pages leave in several chunks, so the proxy streams them. */
  chunkSize?: number;
}

const MAX_ROWS = 100_000;

/**
 * The demo upstream: pages and JSON APIs full of synthetic sensitive data, served in chunks
 * without a content-length (chunked transfer encoding) so the filter sees several body chunks.
 */
export function startDemoUpstream(options: DemoUpstreamOptions = {}): Promise<Server> {
  const chunkSize = options.chunkSize ?? 4096;
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://demo");
    if (url.pathname === "/" || url.pathname === "/index.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(indexPage());
      return;
    }
    const page = PAGES.find((p) => p.path === url.pathname);
    if (!page) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end(`no page at ${url.pathname}; see / for the list\n`);
      return;
    }
    const rowsParam = url.searchParams.get("rows");
    const rows = rowsParam === null ? page.defaultRows : Number(rowsParam);
    if (!Number.isInteger(rows) || rows < 1 || rows > MAX_ROWS) {
      res.writeHead(400, { "content-type": "text/plain" });
      res.end(`rows must be a whole number from 1 to ${MAX_ROWS}, got '${rowsParam}'\n`);
      return;
    }
    const body = Buffer.from(page.render(rows));
    res.writeHead(200, { "content-type": page.contentType });
    for (let at = 0; at < body.length; at += chunkSize) res.write(body.subarray(at, at + chunkSize));
    res.end();
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.host ?? "127.0.0.1", () => resolve(server));
  });
}
