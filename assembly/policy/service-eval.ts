// Evaluating ServiceFilters (§6.3) against a service identity. The identity itself comes
// from the host (SPIFFE ID, env, node metadata, attributes per ServiceNameExtractor); this
// file only decides, given its parts.
import { ServiceFilter, ServiceFilterKind } from "./services";
import { filterRulesAccept } from "./filter-rules";

export class ServiceIdentity {
  constructor(public cluster: string = "", public ns: string = "", public sa: string = "", public workload: string = "") {}

  /** §6.3 Decision: `<cluster>/<ns>/<sa>`; the workload if all three are empty; else `external`. */
  get canonical(): string {
    if (this.cluster.length > 0 || this.ns.length > 0 || this.sa.length > 0) return this.cluster + "/" + this.ns + "/" + this.sa;
    if (this.workload.length > 0) return this.workload;
    return "external";
  }
}

export function serviceFilterPasses(f: ServiceFilter, svc: ServiceIdentity, outbound: bool): bool {
  switch (f.kind) {
    case ServiceFilterKind.Any: {
      for (let i = 0; i < f.children.length; i++) if (serviceFilterPasses(f.children[i], svc, outbound)) return true;
      return false;
    }
    case ServiceFilterKind.All: {
      for (let i = 0; i < f.children.length; i++) if (!serviceFilterPasses(f.children[i], svc, outbound)) return false;
      return true;
    }
    case ServiceFilterKind.ResponseOutbound: return outbound;
    case ServiceFilterKind.ResponseInbound: return !outbound;
    case ServiceFilterKind.Canonical: return filterRulesAccept(f.rules, svc.canonical);
  }
  let field: string;
  if (f.kind == ServiceFilterKind.Cluster) field = svc.cluster;
  else if (f.kind == ServiceFilterKind.Ns) field = svc.ns;
  else if (f.kind == ServiceFilterKind.Sa) field = svc.sa;
  else field = svc.workload;
  const hit = filterRulesAccept(f.rules, field);
  return f.exclude ? !hit : hit;
}

/** A local_service / peer_service leaf: plain passes if any item matches, exclude_ if none. */
export function anyServiceFilterPasses(filters: Array<ServiceFilter>, svc: ServiceIdentity, outbound: bool): bool {
  for (let i = 0; i < filters.length; i++) if (serviceFilterPasses(filters[i], svc, outbound)) return true;
  return false;
}
