import type { StatsTag } from "../host/index.ts";

/**
 * The `stats_tags` an Envoy bootstrap needs so leakscope's `key=.=value;.;` name segments
 * become Prometheus labels. examples/envoy/envoy.yaml carries the same list (a test keeps the
 * two in step).
 */
export const LEAKSCOPE_LABELS = [
  "status", "result", "category", "kind",
  // spec §8.4 transaction labels, then the match-count labels
  "deployment", "policy_path", "local_service", "peer_service", "is_outbound", "ip", "token", "in_response", "in_header",
];

export const LEAKSCOPE_STATS_TAGS: StatsTag[] = LEAKSCOPE_LABELS.map((name) => ({
  tag_name: name,
  regex: `(${name}=\\.=(.*?);\\.;)`,
}));
