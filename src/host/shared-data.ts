// Shared data and shared queues (cpp-host src/shared_data.cc, src/shared_queue.cc): process-wide,
// keyed by vm_id, visible to every VM (all workers, all plugins) with the same vm_id.
import { WasmResult } from "./abi/envoy-abi.ts";

export interface QueueListener { notify(token: number): void }

export class SharedState {
  private readonly data = new Map<string, Map<string, { value: Buffer; cas: number }>>();
  private cas = 1;
  private readonly queues = new Map<number, { vmId: string; name: string; items: Buffer[]; listener: QueueListener }>();
  private readonly queueTokens = new Map<string, number>();
  private nextQueueToken = 1;

  get(vmId: string, key: string): { value: Buffer; cas: number } | undefined { return this.data.get(vmId)?.get(key); }

  /** cas 0 = unconditional; a mismatch => CasMismatch. Every write takes a new CAS (0 skipped). */
  set(vmId: string, key: string, value: Buffer, cas: number): number {
    let m = this.data.get(vmId);
    if (!m) { m = new Map(); this.data.set(vmId, m); }
    const cur = m.get(key);
    if (cas !== 0 && (!cur || cur.cas !== cas)) return WasmResult.CasMismatch;
    let next = this.cas++;
    if (next === 0) next = this.cas++;
    m.set(key, { value, cas: next >>> 0 });
    return WasmResult.Ok;
  }

  /** Same (vm_id, name) => same token; the last registrant becomes the only one notified. */
  register(vmId: string, name: string, listener: QueueListener): number {
    const k = `${vmId}\u0000${name}`;
    let token = this.queueTokens.get(k);
    if (token === undefined) {
      token = this.nextQueueToken++;
      this.queueTokens.set(k, token);
      this.queues.set(token, { vmId, name, items: [], listener });
    } else {
      this.queues.get(token)!.listener = listener;
    }
    return token;
  }

  resolve(vmId: string, name: string): number | undefined { return this.queueTokens.get(`${vmId}\u0000${name}`); }

  enqueue(token: number, value: Buffer): number {
    const q = this.queues.get(token);
    if (!q) return WasmResult.NotFound;
    q.items.push(value);
    q.listener.notify(token);
    return WasmResult.Ok;
  }

  dequeue(token: number): { result: number; value?: Buffer } {
    const q = this.queues.get(token);
    if (!q) return { result: WasmResult.NotFound };
    const value = q.items.shift();
    return value === undefined ? { result: WasmResult.Empty } : { result: WasmResult.Ok, value };
  }
}

/** Envoy keeps one store per process; so does the host unless a plugin is given its own. */
export const processSharedState = new SharedState();
