import { RootContext, Context } from "../abi/runtime";
import { BufferType } from "../abi/enums";
import { HostBytes } from "../abi/host-bytes";
import { readBuffer } from "../abi/buffers";
import { logInfo, logWarn, logError } from "../abi/log";
import { PluginConfig, parsePluginConfig } from "../config/plugin-config";
import { FilterMetrics } from "./metrics";
import { LeakscopeStream } from "./stream";

/**
 * The plugin's root context: owns the active configuration and the metric handles, and
 * creates one LeakscopeStream per HTTP exchange.
 *
 * Metrics are defined here, not at module top level: Envoy forbids every host call except
 * logging and a few WASI functions while `_initialize` runs.
 */
export class LeakscopeRoot extends RootContext {
  private metrics: FilterMetrics | null = null;
  /** The last configuration that loaded; a rejected one never replaces it. */
  active: PluginConfig | null = null;

  createContext(contextId: u32): Context {
    return new LeakscopeStream(contextId, this, this.ensureMetrics());
  }

  onConfigure(configurationSize: u32): bool {
    const metrics = this.ensureMetrics();
    const raw = new HostBytes();
    // The plugin configuration is readable only inside proxy_on_configure.
    if (configurationSize > 0) readBuffer(BufferType.PluginConfiguration, 0, configurationSize, raw);
    const bytes = Uint8Array.wrap(raw.toArrayBuffer());
    raw.release();

    const result = parsePluginConfig(bytes);
    const problems = result.problems.items;
    for (let i = 0; i < problems.length; i++) {
      const p = problems[i];
      if (p.fatal) logError("plugin configuration " + p.toString());
      else logWarn("plugin configuration " + p.toString());
    }
    if (result.config === null || result.problems.hasFatal()) {
      metrics.configLoaded(false);
      logError("plugin configuration rejected; " + (this.active === null ? "no configuration is active" : "the previous configuration stays active"));
      return false;
    }
    this.active = result.config;
    metrics.configLoaded(true);
    logInfo("plugin configuration loaded (" + bytes.length.toString() + " bytes, " +
      result.problems.countWarnings().toString() + " warnings, " +
      (result.config!.localPolicy !== null ? "local policy present" : "no local policy") + ")");
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
