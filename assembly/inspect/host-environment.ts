import { ServiceEnvironment } from "../policy/service-identity";
import { envVar } from "../abi/environment";
import { readProperty } from "../abi/properties";
import { HostBytes } from "../abi/host-bytes";

// node metadata keys read so far (whether present), and the values of those present
const nodeMetadataRead = new Map<string, bool>();
const nodeMetadataValues = new Map<string, string>();

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

  /**
   * Envoy's node (`xds.node`) is the bootstrap node, fixed for the life of the process: each
   * key is read from the host once per VM (it was three property reads per request).
   */
  nodeMetadata(key: string): string | null {
    if (nodeMetadataRead.has(key)) return nodeMetadataRead.get(key) ? nodeMetadataValues.get(key) : null;
    const value = this.attribute(["xds", "node", "metadata", key]);
    nodeMetadataRead.set(key, value !== null);
    if (value !== null) nodeMetadataValues.set(key, value);
    return value;
  }
}
