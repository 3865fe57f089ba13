import { ServiceEnvironment } from "../policy/service-identity";
import { envVar } from "../abi/environment";
import { readProperty } from "../abi/properties";
import { HostBytes } from "../abi/host-bytes";

/**
 * Service identification's view of the host (spec §6.3): environment variables through WASI,
 * attributes and node metadata through get_property. Istio's peer metadata is not read yet,
 * so a peer's workload is unknown (its cluster/ns/sa still come from the peer certificate).
 */
export class HostServiceEnvironment extends ServiceEnvironment {
  private bytes: HostBytes = new HostBytes();

  env(name: string): string | null {
    return envVar(name);
  }

  attribute(path: Array<string>): string | null {
    if (!readProperty(path, this.bytes)) return null;
    const s = this.bytes.toString();
    this.bytes.release();
    return s;
  }

  nodeMetadata(key: string): string | null {
    return this.attribute(["xds", "node", "metadata", key]);
  }
}
