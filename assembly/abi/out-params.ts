// Scratch words the host writes results into (pointer, size, id). The VM is single-threaded
// and no host call re-enters the guest except through malloc, which does not touch these, so
// one static area serves every call and nothing is allocated per call.
//
// Layout (12 bytes of static data):
//   +0 u32  returned data pointer / metric id / token
//   +4 u32  returned data size
//   +8 u64  scalar results (time, metric value) — aligned to 8

const area = memory.data(16, 8);

export const OUT_PTR: usize = area;
export const OUT_SIZE: usize = area + 4;
export const OUT_U64: usize = area + 8;

export function outPtr(): usize { return <usize>load<u32>(OUT_PTR); }
export function outSize(): usize { return <usize>load<u32>(OUT_SIZE); }
export function outU32(): u32 { return load<u32>(OUT_PTR); }
export function outU64(): u64 { return load<u64>(OUT_U64); }

export function clearOut(): void {
  store<u32>(OUT_PTR, 0);
  store<u32>(OUT_SIZE, 0);
}
