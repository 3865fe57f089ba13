// Just enough protobuf wire format for the host: encoding envoy.config.core.v3.Node and
// google.protobuf.Struct (property xds.node), and decoding a serialized GrpcService (the `service`
// argument of proxy_grpc_call/stream, which Envoy parses before falling back to a cluster name).

class Writer {
  private readonly parts: Buffer[] = [];
  varint(n: number | bigint): this {
    let v = BigInt(n);
    const bytes: number[] = [];
    do { let b = Number(v & 0x7fn); v >>= 7n; if (v > 0n) b |= 0x80; bytes.push(b); } while (v > 0n);
    this.parts.push(Buffer.from(bytes));
    return this;
  }
  tag(field: number, wire: number): this { return this.varint((field << 3) | wire); }
  bytes(field: number, b: Uint8Array): this { this.tag(field, 2).varint(b.length); this.parts.push(Buffer.from(b)); return this; }
  string(field: number, s: string): this { return this.bytes(field, Buffer.from(s)); }
  double(field: number, d: number): this { const b = Buffer.alloc(8); b.writeDoubleLE(d); this.tag(field, 1); this.parts.push(b); return this; }
  bool(field: number, v: boolean): this { return this.tag(field, 0).varint(v ? 1 : 0); }
  done(): Buffer { return Buffer.concat(this.parts); }
}

/** google.protobuf.Value */
export function encodeValue(v: unknown): Buffer {
  const w = new Writer();
  if (v === null || v === undefined) w.tag(1, 0).varint(0);
  else if (typeof v === "number") w.double(2, v);
  else if (typeof v === "string") w.string(3, v);
  else if (typeof v === "boolean") w.bool(4, v);
  else if (Array.isArray(v)) { const l = new Writer(); for (const e of v) l.bytes(1, encodeValue(e)); w.bytes(6, l.done()); }
  else w.bytes(5, encodeStruct(v as Record<string, unknown>));
  return w.done();
}

/** google.protobuf.Struct: repeated map entry {1: key, 2: Value} in field 1. */
export function encodeStruct(obj: Record<string, unknown>): Buffer {
  const w = new Writer();
  for (const [k, v] of Object.entries(obj)) w.bytes(1, new Writer().string(1, k).bytes(2, encodeValue(v)).done());
  return w.done();
}

/** envoy.config.core.v3.Node: id = 1, cluster = 2, metadata (Struct) = 3. */
export function encodeNode(node: { id?: string; cluster?: string; metadata?: Record<string, unknown> }): Buffer {
  const w = new Writer();
  if (node.id) w.string(1, node.id);
  if (node.cluster) w.string(2, node.cluster);
  if (node.metadata) w.bytes(3, encodeStruct(node.metadata));
  return w.done();
}

type Field = { field: number; wire: number; value: bigint | Buffer };

/** Strictly parses a message into fields; undefined if the bytes are not valid wire format. */
export function parseMessage(buf: Uint8Array): Field[] | undefined {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Field[] = [];
  let pos = 0;
  const varint = (): bigint | undefined => {
    let r = 0n; let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (pos >= b.length) return undefined;
      const x = b[pos++]!;
      r |= BigInt(x & 0x7f) << shift;
      if ((x & 0x80) === 0) return r;
      shift += 7n;
    }
    return undefined;
  };
  while (pos < b.length) {
    const key = varint();
    if (key === undefined) return undefined;
    const field = Number(key >> 3n); const wire = Number(key & 7n);
    if (field === 0) return undefined;
    if (wire === 0) { const v = varint(); if (v === undefined) return undefined; out.push({ field, wire, value: v }); }
    else if (wire === 1 || wire === 5) { const n = wire === 1 ? 8 : 4; if (pos + n > b.length) return undefined; out.push({ field, wire, value: b.subarray(pos, pos + n) }); pos += n; }
    else if (wire === 2) { const l = varint(); if (l === undefined || pos + Number(l) > b.length) return undefined; out.push({ field, wire, value: b.subarray(pos, pos + Number(l)) }); pos += Number(l); }
    else return undefined;
  }
  return out;
}

/** The cluster of a serialized envoy.config.core.v3.GrpcService with envoy_grpc (field 1 -> cluster_name 1). */
export function grpcServiceCluster(buf: Uint8Array): string | undefined {
  if (buf.length === 0) return undefined;
  const fields = parseMessage(buf);
  const envoyGrpc = fields?.find((f) => f.field === 1 && f.wire === 2);
  if (!envoyGrpc) return undefined;
  const inner = parseMessage(envoyGrpc.value as Buffer);
  const cluster = inner?.find((f) => f.field === 1 && f.wire === 2);
  if (!cluster) return undefined;
  const s = (cluster.value as Buffer).toString("utf8");
  return /^[\x20-\x7e]+$/.test(s) ? s : undefined;
}
