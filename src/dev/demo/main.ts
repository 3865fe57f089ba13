// Runs only the demo upstream (the Docker Compose demo uses it behind a real Envoy).
import { startDemoUpstream } from "./server.ts";
import { parseFlags, portFlag, UsageError } from "../../cli/args.ts";

try {
  const { flags } = parseFlags(process.argv.slice(2), [
    { name: "host", value: "ADDR", help: "listen address (default 127.0.0.1)" },
    { name: "port", value: "PORT", help: "listen port (default 8080)" },
  ]);
  const host = (flags.get("host") as string | undefined) ?? "127.0.0.1";
  const port = portFlag(flags, "port", 8080);
  await startDemoUpstream({ host, port });
  console.log(`demo upstream on http://${host}:${port}`);
} catch (err) {
  console.error(err instanceof UsageError ? `demo upstream: ${err.message}` : err);
  process.exit(2);
}
