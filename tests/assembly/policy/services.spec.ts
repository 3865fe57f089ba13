// Service identification (§6.3): SPIFFE IDs, the istio fallbacks, and every name source.
import { loadClean } from "./util";
import { ServiceEnvironment, parseSpiffeId, istioIdentity, resolveServiceIdentity } from "../../../assembly/policy/service-identity";

class FakeEnvironment extends ServiceEnvironment {
  envNames: Array<string> = [];
  envValues: Array<string> = [];
  attrNames: Array<string> = [];
  attrValues: Array<string> = [];
  metaNames: Array<string> = [];
  metaValues: Array<string> = [];
  peer: string | null = null;

  env(name: string): string | null {
    const i = this.envNames.indexOf(name);
    return i < 0 ? null : this.envValues[i];
  }
  attribute(path: Array<string>): string | null {
    const i = this.attrNames.indexOf(path.join("."));
    return i < 0 ? null : this.attrValues[i];
  }
  nodeMetadata(key: string): string | null {
    const i = this.metaNames.indexOf(key);
    return i < 0 ? null : this.metaValues[i];
  }
  peerWorkload(outbound: bool): string | null {
    return this.peer;
  }
  setEnv(k: string, v: string): FakeEnvironment { this.envNames.push(k); this.envValues.push(v); return this; }
  setAttr(k: string, v: string): FakeEnvironment { this.attrNames.push(k); this.attrValues.push(v); return this; }
  setMeta(k: string, v: string): FakeEnvironment { this.metaNames.push(k); this.metaValues.push(v); return this; }
}

describe("service identification (§6.3)", () => {
  it("parses SPIFFE IDs", () => {
    const id = parseSpiffeId("spiffe://cluster.local/ns/shop/sa/cart")!;
    expect(id.canonical).toBe("cluster.local/shop/cart");
    expect(parseSpiffeId("spiffe://cluster.local/ns/shop")).toBeNull();
    expect(parseSpiffeId("https://x/ns/a/sa/b")).toBeNull();
    expect(parseSpiffeId("spiffe://td/ns//sa/b")).toBeNull();
  });

  it("local istio: SPIFFE ID, else env vars, else node metadata, else external", () => {
    const san = new FakeEnvironment().setAttr("connection.uri_san_local_certificate", "spiffe://td/ns/a/sa/b").setEnv("ISTIO_META_WORKLOAD_NAME", "w");
    const s = istioIdentity(san, true, false);
    expect(s.canonical).toBe("td/a/b");
    expect(s.workload).toBe("w");
    const env = new FakeEnvironment().setEnv("POD_NAMESPACE", "shop").setEnv("SERVICE_ACCOUNT", "cart");
    expect(istioIdentity(env, true, false).canonical).toBe("cluster.local/shop/cart");
    env.setEnv("TRUST_DOMAIN", "corp");
    expect(istioIdentity(env, true, false).canonical).toBe("corp/shop/cart");
    const meta = new FakeEnvironment().setMeta("NAMESPACE", "n").setMeta("SERVICE_ACCOUNT", "s").setMeta("WORKLOAD_NAME", "wl");
    const m = istioIdentity(meta, true, false);
    expect(m.canonical).toBe("cluster.local/n/s");
    expect(m.workload).toBe("wl");
    expect(istioIdentity(new FakeEnvironment(), true, false).canonical).toBe("external");
  });

  it("peer istio: the peer certificate's URI SAN (upstream when outbound), workload from peer metadata", () => {
    const h = new FakeEnvironment()
      .setAttr("connection.uri_san_peer_certificate", "spiffe://td/ns/in/sa/x")
      .setAttr("upstream.uri_san_peer_certificate", "spiffe://td/ns/out/sa/y");
    h.peer = "peer-wl";
    expect(istioIdentity(h, false, false).canonical).toBe("td/in/x");
    expect(istioIdentity(h, false, true).canonical).toBe("td/out/y");
    expect(istioIdentity(h, false, true).workload).toBe("peer-wl");
    const none = new FakeEnvironment();
    none.peer = "only-wl";
    expect(istioIdentity(none, false, false).canonical).toBe("only-wl");
  });

  it("applies each field's source: none, istio, !env, !attrs, !raw, default", () => {
    const p = loadClean(`categories: {}
local_service_name:
  cluster: none
  ns: !env NS
  sa: !attrs node.metadata.SA
  workload: { default: { from: !env MISSING, to: !raw fallback } }
peer_service_name: istio
`);
    const h = new FakeEnvironment().setEnv("NS", "shop").setAttr("node.metadata.SA", "cart")
      .setAttr("connection.uri_san_peer_certificate", "spiffe://td/ns/p/sa/q");
    const local = resolveServiceIdentity(p.localServiceName, h, true, false);
    expect(local.cluster).toBe("");
    expect(local.ns).toBe("shop");
    expect(local.sa).toBe("cart");
    expect(local.workload).toBe("fallback");
    expect(local.canonical).toBe("/shop/cart");
    expect(resolveServiceIdentity(p.peerServiceName, h, false, false).canonical).toBe("td/p/q");
  });
});
