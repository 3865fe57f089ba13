import type { StatsTag } from "../host/index.ts";

/**
 * The `stats_tags` an Envoy bootstrap needs so leakscope's `key=.=value;.;` name segments
 * become Prometheus labels. examples/envoy/envoy.yaml carries the same list (a test keeps the
 * two in step).
 */
export const LEAKSCOPE_STATS_TAGS: StatsTag[] = ["status", "result"].map((name) => ({
  tag_name: name,
  regex: `(${name}=\\.=(.*?);\\.;)`,
}));
