// Error classes of the public API. Messages use Envoy's wording where Envoy has one, so a failure
// seen here reads like the line an operator would find in Envoy's log.

/** Envoy would refuse to load/link the module (cpp-host src/wasm.cc load/initialize, src/v8/v8.cc link). */
export class LinkError extends Error {
  /** Every problem found; `message` lists them all, the first is the one Envoy reports first. */
  readonly problems: readonly string[];
  constructor(problems: readonly string[], subject = "module") {
    super(`Envoy would refuse the ${subject}:\n  - ${problems.join("\n  - ")}`);
    this.name = "LinkError";
    this.problems = problems;
  }
}

/** proxy_on_vm_start / proxy_on_configure failed or trapped: Envoy rejects the plugin configuration
 * ("Unable to create Wasm HTTP filter"). `logs` holds what the module logged at error level and above. */
export class ConfigureError extends Error {
  readonly logs: readonly string[];
  constructor(message: string, logs: readonly string[]) {
    super(logs.length ? `${message}\nmodule logs:\n  ${logs.join("\n  ")}` : message);
    this.name = "ConfigureError";
    this.logs = logs;
  }
}

/** Thrown inside a host function to trap the guest (e.g. a restricted host call). The VM that
 * receives it is failed, like cpp-host's `fail(FailState::RuntimeError, ...)`. */
export class HostTrap extends Error {
  constructor(message: string) { super(message); this.name = "HostTrap"; }
}
