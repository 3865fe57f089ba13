// Host functions are plain JS functions over wasm values: i32 arrive as numbers, i64 as BigInt.
// Their parameter lists differ per function, hence the loose signature of the table.
export type HostFunctions = Record<string, (...args: any[]) => unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
