import { RootContext, Context } from "../abi/runtime";
import { BufferType } from "../abi/enums";
import { HostBytes } from "../abi/host-bytes";
import { readBuffer } from "../abi/buffers";
import { logInfo, logWarn, logError } from "../abi/log";
import { PluginConfig } from "../config/plugin-config";
import { ConfigProblems } from "../config/diagnostics";
import { FilterMetrics } from "./metrics";
import { LeakscopeStream } from "./stream";
import { loadConfiguration, LoadedConfiguration } from "./load-configuration";
import { Inspection } from "../inspect/inspection";
import { StreamInspection } from "../inspect/stream-inspection";

/**
 * The plugin's root context: owns the active configuration and policy and the metric
 * handles, and creates one LeakscopeStream per HTTP exchange.
 *
 * Metrics are defined here, not at module top level: Envoy forbids every host call except
 * logging and a few WASI functions while `_initialize` runs.
 */
export class LeakscopeRoot extends RootContext {
  private metrics: FilterMetrics | null = null;
  /** The last configuration that loaded; a rejected one never replaces it. */
  active: PluginConfig | null = null;
  /** The active policy, compiled; null means pass-through (spec §1 behaviour 4). */
  inspection: Inspection | null = null;

  createContext(contextId: u32): Context {
    const metrics = this.ensureMetrics();
    const inspection = this.inspection;
    const config = this.active;
    return new LeakscopeStream(contextId, this, metrics,
      inspection !== null && config !== null ? new StreamInspection(inspection, config, metrics) : null,
      config !== null && config.holdHeaders, config !== null ? config.maxBufferBytes : 1048576);
  }

  onConfigure(configurationSize: u32): bool {
    const metrics = this.ensureMetrics();
    const raw = new HostBytes();
    // The plugin configuration is readable only inside proxy_on_configure.
    if (configurationSize > 0) readBuffer(BufferType.PluginConfiguration, 0, configurationSize, raw);
    const bytes = Uint8Array.wrap(raw.toArrayBuffer());
    raw.release();

    const loaded = loadConfiguration(bytes);
    logProblems("plugin configuration", loaded.configProblems);
    logProblems("local_policy", loaded.policyStringProblems);
    if (loaded.hadPolicy) metrics.policyLoaded(loaded.policy !== null);
    if (loaded.config === null || loaded.fatal) {
      metrics.configLoaded(false);
      logError("configuration rejected; " + (this.active === null ? "no configuration is active" : "the previous configuration and policy stay active"));
      return false;
    }
    const policy = loaded.policy;
    let inspection: Inspection | null = null;
    if (policy !== null) {
      inspection = new Inspection(policy);
      logCompileProblems(inspection, loaded.policyFromString);
    }
    // Both replace the old ones in one step, so no stream ever sees a new config with an old policy.
    this.active = loaded.config;
    this.inspection = inspection;
    metrics.configLoaded(true);
    logInfo(describe(loaded, bytes.length));
    return true;
  }

  private ensureMetrics(): FilterMetrics {
    let metrics = this.metrics;
    if (metrics === null) {
      metrics = new FilterMetrics();
      this.metrics = metrics;
    }
    return metrics;
  }
}

/** Logs each problem as "<what> line:column: message"; `leakscope check` parses these lines. */
function logProblems(what: string, problems: ConfigProblems): void {
  for (let i = 0; i < problems.items.length; i++) {
    const p = problems.items[i];
    if (p.fatal) logError(what + " " + p.toString());
    else logWarn(what + " " + p.toString());
  }
}

/** Rules the automaton cannot run yet are dropped with a warning at their position. */
function logCompileProblems(inspection: Inspection, fromString: bool): void {
  const problems = inspection.compiled.problems;
  for (let i = 0; i < problems.length; i++) {
    const p = problems[i];
    logWarn((fromString ? "local_policy " : "plugin configuration ") + p.rule.line.toString() + ":" + p.rule.column.toString() + ": " + p.message);
  }
}

function describe(loaded: LoadedConfiguration, size: i32): string {
  const warnings = loaded.configProblems.countWarnings() + loaded.policyStringProblems.countWarnings();
  const policy = loaded.policy;
  if (policy === null) {
    return "configuration loaded (" + size.toString() + " bytes, " + warnings.toString() + " warnings); no policy: traffic passes unscanned";
  }
  return "configuration loaded (" + size.toString() + " bytes); " + policy.summary();
}
