import { runStart, START_USAGE } from "./start.ts";
import { runCheck, CHECK_USAGE } from "./check.ts";
import { runScan, SCAN_USAGE } from "./scan.ts";
import { UsageError } from "./args.ts";
import { LinkError, ConfigureError } from "../host/index.ts";

const USAGE = `usage: leakscope <command> [options]

commands:
  start     run the filter in the embedded Proxy-Wasm host as a reverse proxy (dev proxy)
  check     load policies/configurations in the real filter and report problems with positions
  scan      scan files or JSON-lines records with a policy and print the matches as JSON lines

${START_USAGE}

${CHECK_USAGE}

${SCAN_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case "start": return runStart(rest);
    case "check": return runCheck(rest);
    case "scan": return runScan(rest);
    case undefined: case "help": case "--help": case "-h":
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError) console.error(`leakscope: ${err.message}\n(see 'leakscope help')`);
    else if (err instanceof LinkError) console.error(`leakscope: Envoy would refuse the module: ${err.message}`);
    else if (err instanceof ConfigureError) console.error(`leakscope: the filter rejected its configuration: ${err.message}`);
    else if ((err as NodeJS.ErrnoException).code === "EADDRINUSE") console.error(`leakscope: ${(err as Error).message} (another process holds the port; pick others with --port/--admin-port/--demo-port)`);
    else console.error(`leakscope: ${(err as Error).stack ?? String(err)}`);
    process.exit(err instanceof UsageError ? 2 : 1);
  },
);
