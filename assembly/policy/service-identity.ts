// Service identification (§6.3): turning a ServiceNameExtractor into a ServiceIdentity. The
// decisions (SPIFFE parsing, the istio fallbacks, `default`) are here; reading the host is
// not: the filter glue subclasses ServiceEnvironment over get_property and the environment
// (Envoy only shows variables listed in `host_env_keys`).
import { ServiceNameExtractor, ServiceNameSource, NameSourceKind } from "./services";
import { ServiceIdentity } from "./service-eval";

export class ServiceEnvironment {
  /** An environment variable; null if absent. */
  env(name: string): string | null {
    return null;
  }

  /** An Envoy attribute by path (`["connection", "uri_san_local_certificate"]`); null if absent. */
  attribute(path: Array<string>): string | null {
    return null;
  }

  /** A key of the local node's metadata (NAMESPACE, SERVICE_ACCOUNT, WORKLOAD_NAME); null if absent. */
  nodeMetadata(key: string): string | null {
    return null;
  }

  /** The peer's workload name from Istio peer metadata; null if unknown. */
  peerWorkload(outbound: bool): string | null {
    return null;
  }
}

const LOCAL_SAN: Array<string> = ["connection", "uri_san_local_certificate"];
const PEER_SAN_INBOUND: Array<string> = ["connection", "uri_san_peer_certificate"];
const PEER_SAN_OUTBOUND: Array<string> = ["upstream", "uri_san_peer_certificate"];

/** `spiffe://<cluster>/ns/<ns>/sa/<sa>` into its parts; null if it is not that shape. */
export function parseSpiffeId(id: string): ServiceIdentity | null {
  if (!id.startsWith("spiffe://")) return null;
  const parts = id.substring(9).split("/");
  if (parts.length != 5 || parts[1] != "ns" || parts[3] != "sa") return null;
  if (parts[0].length == 0 || parts[2].length == 0 || parts[4].length == 0) return null;
  return new ServiceIdentity(parts[0], parts[2], parts[4]);
}

/** The `istio` identity of the local service (local = true) or of the peer. */
export function istioIdentity(host: ServiceEnvironment, local: bool, outbound: bool): ServiceIdentity {
  if (!local) {
    const san = host.attribute(outbound ? PEER_SAN_OUTBOUND : PEER_SAN_INBOUND);
    let parsed: ServiceIdentity | null = null;
    if (san !== null) parsed = parseSpiffeId(san);
    const id: ServiceIdentity = parsed !== null ? parsed : new ServiceIdentity();
    const w = host.peerWorkload(outbound);
    if (w !== null) id.workload = w;
    return id;
  }
  // 1. the local SPIFFE ID
  const san = host.attribute(LOCAL_SAN);
  let fromSan: ServiceIdentity | null = null;
  if (san !== null) fromSan = parseSpiffeId(san);
  const workloadEnv = host.env("ISTIO_META_WORKLOAD_NAME");
  if (fromSan !== null) {
    fromSan.workload = workloadEnv !== null ? workloadEnv : orEmpty(host.nodeMetadata("WORKLOAD_NAME"));
    return fromSan;
  }
  // 2. the environment LeakSignal's examples expose through host_env_keys
  const ns = host.env("POD_NAMESPACE");
  const sa = host.env("SERVICE_ACCOUNT");
  if (ns !== null || sa !== null || workloadEnv !== null) {
    const td = host.env("TRUST_DOMAIN");
    return new ServiceIdentity(td !== null && td.length > 0 ? td : "cluster.local", orEmpty(ns), orEmpty(sa), orEmpty(workloadEnv));
  }
  // 3. node metadata
  const metaNs = host.nodeMetadata("NAMESPACE");
  const metaSa = host.nodeMetadata("SERVICE_ACCOUNT");
  const metaWorkload = host.nodeMetadata("WORKLOAD_NAME");
  if (metaNs === null && metaSa === null && metaWorkload === null) return new ServiceIdentity();
  return new ServiceIdentity("cluster.local", orEmpty(metaNs), orEmpty(metaSa), orEmpty(metaWorkload));
}

/** Applies an extractor: each field from its own source, `istio` from the istio identity. */
export function resolveServiceIdentity(ex: ServiceNameExtractor, host: ServiceEnvironment, local: bool, outbound: bool): ServiceIdentity {
  const istio = istioIdentity(host, local, outbound);
  return new ServiceIdentity(
    sourceValue(ex.cluster, host, istio.cluster),
    sourceValue(ex.ns, host, istio.ns),
    sourceValue(ex.sa, host, istio.sa),
    sourceValue(ex.workload, host, istio.workload),
  );
}

function sourceValue(s: ServiceNameSource, host: ServiceEnvironment, istio: string): string {
  switch (s.kind) {
    case NameSourceKind.None: return "";
    case NameSourceKind.Istio: return istio;
    case NameSourceKind.Env: return orEmpty(host.env(s.text));
    case NameSourceKind.Attrs: return orEmpty(host.attribute(s.attrPath));
    case NameSourceKind.Raw: return s.text;
    case NameSourceKind.Default: {
      const from = sourceValue(s.from!, host, istio);
      return from.length > 0 ? from : sourceValue(s.to!, host, istio);
    }
  }
  return "";
}

function orEmpty(s: string | null): string {
  return s === null ? "" : s;
}
