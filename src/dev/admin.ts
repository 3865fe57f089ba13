import { createServer, type Server } from "node:http";
import type { Plugin } from "../host/index.ts";

export interface AdminOptions {
  plugin: Plugin;
  host?: string;
  port?: number;
  /** Whether the proxy is accepting traffic (answers /ready). */
  ready: () => boolean;
}

/**
 * The subset of Envoy's admin interface that operators point tools at: `/stats/prometheus`
 * (what a Prometheus scrape sees), `/stats` (Envoy's plain `name: value` listing) and `/ready`.
 */
export function startAdmin(options: AdminOptions): Promise<Server> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://admin").pathname;
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { "content-type": "text/plain", allow: "GET, HEAD" });
      res.end("method not allowed\n");
      return;
    }
    if (path === "/stats/prometheus") {
      res.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
      res.end(options.plugin.stats.prometheus());
    } else if (path === "/stats") {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(options.plugin.stats.text());
    } else if (path === "/ready") {
      const ready = options.ready();
      res.writeHead(ready ? 200 : 503, { "content-type": "text/plain" });
      res.end(ready ? "LIVE\n" : "PRE_INITIALIZING\n");
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("admin endpoints: /stats/prometheus /stats /ready\n");
    }
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 9901, options.host ?? "127.0.0.1", () => resolve(server));
  });
}
