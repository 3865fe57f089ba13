// The VM's environment variables, read through WASI (abi-notes §9: Envoy shows only the
// variables listed in vm_config.environment_variables). They do not change while a VM runs,
// so they are read once, on first use, and kept.

// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "environ_sizes_get")
declare function environ_sizes_get(countPtr: usize, bufSizePtr: usize): u16;
// @ts-ignore: decorator
@external("wasi_snapshot_preview1", "environ_get")
declare function environ_get(environPtr: usize, bufPtr: usize): u16;

let names: Array<string> | null = null;
let values: Array<string> = [];

function readEnvironment(): Array<string> {
  const found = new Array<string>();
  values = [];
  const sizes = new StaticArray<u32>(2);
  if (environ_sizes_get(changetype<usize>(sizes), changetype<usize>(sizes) + 4) != 0) return found;
  const count = <i32>sizes[0], size = <i32>sizes[1];
  if (count <= 0 || size <= 0 || count > 4096 || size > (1 << 20)) return found;
  const pointers = new StaticArray<u32>(count);
  const buffer = new ArrayBuffer(size);
  if (environ_get(changetype<usize>(pointers), changetype<usize>(buffer)) != 0) return found;
  const base = changetype<usize>(buffer);
  for (let i = 0; i < count; i++) {
    const start = <usize>pointers[i];
    if (start < base || start >= base + <usize>size) continue;
    let end = start;
    while (end < base + <usize>size && load<u8>(end) != 0) end++;
    const entry = String.UTF8.decodeUnsafe(start, end - start);
    const eq = entry.indexOf("=");
    if (eq <= 0) continue;
    found.push(entry.substring(0, eq));
    values.push(entry.substring(eq + 1));
  }
  return found;
}

/** An environment variable of the VM, or null. */
export function envVar(name: string): string | null {
  let n = names;
  if (n === null) { n = readEnvironment(); names = n; }
  const i = n.indexOf(name);
  return i < 0 ? null : values[i];
}

/** Every environment variable of the VM, as parallel name/value lists. */
export function allEnvVars(outNames: Array<string>, outValues: Array<string>): void {
  let n = names;
  if (n === null) { n = readEnvironment(); names = n; }
  for (let i = 0; i < n.length; i++) { outNames.push(n[i]); outValues.push(values[i]); }
}
