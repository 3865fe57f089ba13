import { configurationFromFiles, startDevProxy } from "../dev/dev-proxy.ts";
import { defaultPluginConfiguration } from "../dev/default-config.ts";
import { PAGES } from "../dev/demo/pages.ts";
import { helpText, parseFlags, portFlag, UsageError, type FlagSpec } from "./args.ts";

const FLAGS: FlagSpec[] = [
  { name: "policy", value: "FILE", help: "L7 policy YAML to run (becomes local_policy)" },
  { name: "config", value: "FILE", help: "plugin configuration YAML/JSON (as Envoy passes it)" },
  { name: "upstream", value: "URL", help: "forward to this upstream instead of the demo upstream" },
  { name: "port", value: "PORT", help: "proxy listen port (default 8000)" },
  { name: "admin-port", value: "PORT", help: "admin port: /stats/prometheus /stats /ready (default 9901)" },
  { name: "demo-port", value: "PORT", help: "demo upstream port (default 8080)" },
  { name: "wasm", value: "FILE", help: "filter module (default build/leakscope.wasm)" },
  { name: "workers", value: "N", help: "worker VMs, like Envoy --concurrency (default 1)" },
  { name: "log-level", value: "LEVEL", help: "wasm log level: trace debug info warn error critical off (default info)" },
  { name: "help", help: "show this help" },
];

export const START_USAGE = `leakscope start [options]\n\nRuns the filter in the embedded Proxy-Wasm host in front of an upstream.\n\n${helpText(FLAGS)}`;

export async function runStart(argv: string[]): Promise<number> {
  const { flags, rest } = parseFlags(argv, FLAGS);
  if (flags.has("help")) { console.log(START_USAGE); return 0; }
  if (rest.length) throw new UsageError(`unexpected argument '${rest[0]}'`);
  const workers = flags.has("workers") ? Number(flags.get("workers")) : 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new UsageError(`--workers must be 1-64, got '${String(flags.get("workers"))}'`);
  const level = (flags.get("log-level") ?? "info") as string;
  if (!["trace", "debug", "info", "warn", "error", "critical", "off"].includes(level)) throw new UsageError(`--log-level: unknown level '${level}'`);
  let upstream: URL | undefined;
  if (flags.has("upstream")) {
    try { upstream = new URL(String(flags.get("upstream"))); } catch { throw new UsageError(`--upstream: not a URL: '${String(flags.get("upstream"))}'`); }
    if (upstream.protocol !== "http:") throw new UsageError(`--upstream: only http:// upstreams are supported, got '${upstream.protocol}'`);
  }
  const configuration = configurationFromFiles(flags.get("config") as string | undefined, flags.get("policy") as string | undefined) ?? defaultPluginConfiguration();

  const dev = await startDevProxy({
    configuration,
    upstream,
    wasm: flags.get("wasm") as string | undefined,
    proxyPort: portFlag(flags, "port", 8000),
    adminPort: portFlag(flags, "admin-port", 9901),
    demoPort: portFlag(flags, "demo-port", 8080),
    workers,
    logLevel: level as "info",
    onLog: (record) => console.log(record.line),
    onExchange: (line) => console.log(`[access] ${line}`),
  });

  const proxy = dev.proxyUrl.origin;
  const lines = [
    "",
    `leakscope dev proxy on ${proxy} -> ${dev.upstreamUrl.origin}${dev.demo ? " (demo upstream)" : ""}`,
    `admin on ${dev.adminUrl.origin}`,
    "",
    "Try:",
    ...(dev.demo ? PAGES.map((p) => `  curl -s ${proxy}${p.path}    # ${p.title}`) : [`  curl -s ${proxy}/`]),
    `  curl -s ${dev.adminUrl.origin}/stats/prometheus`,
    "",
    "Ctrl-C to stop.",
  ];
  console.log(lines.join("\n"));
  await new Promise<void>((resolve) => {
    const stop = (): void => { resolve(); };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await dev.close();
  return 0;
}
