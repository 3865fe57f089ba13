import { readFileSync } from "node:fs";
import type { Server } from "node:http";
import { loadPlugin, type Plugin, type LogRecord } from "../host/index.ts";
import { startAdmin } from "./admin.ts";
import { startDemoUpstream } from "./demo/server.ts";
import { startReverseProxy } from "./reverse-proxy.ts";
import { LEAKSCOPE_STATS_TAGS } from "./stats-tags.ts";

export interface DevProxyOptions {
  wasm?: string;
  /** Plugin configuration text (YAML or JSON). */
  configuration: string;
  /** Where the proxy forwards; when absent, the demo upstream is started and used. */
  upstream?: URL;
  host?: string;
  proxyPort?: number;
  adminPort?: number;
  demoPort?: number;
  workers?: number;
  logLevel?: "trace" | "debug" | "info" | "warn" | "error" | "critical" | "off";
  onLog?: (record: LogRecord) => void;
  onExchange?: (line: string) => void;
}

export interface DevProxy {
  plugin: Plugin;
  proxyUrl: URL;
  adminUrl: URL;
  upstreamUrl: URL;
  demo: boolean;
  close(): Promise<void>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
}

function boundPort(server: Server): number {
  const address = server.address();
  return typeof address === "object" && address ? address.port : 0;
}

/** Starts demo upstream (unless an upstream is given), the proxy with the filter, and admin. */
export async function startDevProxy(options: DevProxyOptions): Promise<DevProxy> {
  const host = options.host ?? "127.0.0.1";
  const plugin = await loadPlugin({
    wasm: options.wasm,
    configuration: options.configuration,
    workers: options.workers ?? 1,
    statsTags: LEAKSCOPE_STATS_TAGS,
    logLevel: options.logLevel ?? "info",
    onLog: options.onLog,
  });
  const servers: Server[] = [];
  try {
    let upstreamUrl = options.upstream;
    const demo = upstreamUrl === undefined;
    if (demo) {
      const upstream = await startDemoUpstream({ host, port: options.demoPort ?? 8080 });
      servers.push(upstream);
      upstreamUrl = new URL(`http://${host}:${boundPort(upstream)}`);
    }
    const proxy = await startReverseProxy({ plugin, upstream: upstreamUrl!, host, port: options.proxyPort ?? 8000, onExchange: options.onExchange });
    servers.push(proxy);
    const admin = await startAdmin({ plugin, host, port: options.adminPort ?? 9901, ready: () => true });
    servers.push(admin);
    return {
      plugin,
      proxyUrl: new URL(`http://${host}:${boundPort(proxy)}`),
      adminUrl: new URL(`http://${host}:${boundPort(admin)}`),
      upstreamUrl: upstreamUrl!,
      demo,
      async close() {
        await Promise.all(servers.map(closeServer));
        plugin.close();
      },
    };
  } catch (err) {
    await Promise.all(servers.map(closeServer));
    plugin.close();
    throw err;
  }
}

/** Reads --config / --policy into the plugin configuration text. */
export function configurationFromFiles(configPath?: string, policyPath?: string): string | undefined {
  if (configPath && policyPath) throw new Error("give either --config or --policy, not both");
  if (configPath) return readFileSync(configPath, "utf8");
  if (policyPath) {
    const policy = readFileSync(policyPath, "utf8");
    // A bare policy becomes the plugin configuration's local_policy, kept as YAML text so its
    // line numbers in messages are those of the file.
    return `local_policy: ${JSON.stringify(policy)}\n`;
  }
  return undefined;
}
