// Host functions are plain JS functions over wasm i32/i64 values (i64 arrive as BigInt).
export type HostFn = (...args: never[]) => unknown;
export type HostFunctions = Record<string, (...args: any[]) => unknown>; // eslint-disable-line @typescript-eslint/no-explicit-any
