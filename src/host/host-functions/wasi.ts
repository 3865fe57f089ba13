// WASI preview1 as Envoy implements it (cpp-host src/exports.cc): fd_write to stdout/stderr becomes
// a log line (info/error, one trailing newline removed), environ_* serve the configured environment
// variables, clock_time_get and random_get are real, everything else is Envoy's stub with Envoy's
// return value. Registered under both wasi_snapshot_preview1 and wasi_unstable.
import { randomFillSync } from "node:crypto";
import { Errno } from "../abi/envoy-abi.ts";
import { atLeast } from "../abi-table.ts";
import type { WasmVm } from "../vm.ts";
import type { HostFunctions } from "./types.ts";

export function wasiFunctions(vm: WasmVm): HostFunctions {
  const m = vm.memory;
  const stdio = (fd: number): boolean => fd === 1 || fd === 2;
  const trace = (what: string): void => vm.hostLog(0, `wasi_unstable ${what}`);
  const gather = (iovs: number, count: number): Buffer | null => {
    const parts: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      const ptr = m.readU32(iovs + 8 * i); const len = m.readU32(iovs + 8 * i + 4);
      if (ptr === null || len === null) return null;
      const b = m.read(ptr, len);
      if (b === null) return null;
      parts.push(b);
    }
    return Buffer.concat(parts);
  };
  const write = (fd: number, iovs: number, count: number, nwrittenPtr: number): number => {
    if (!stdio(fd)) return Errno.BADF;
    const data = gather(iovs, count);
    if (data === null) return Errno.FAULT;
    let text = data.toString("utf8");
    if (text.endsWith("\n")) text = text.slice(0, -1);
    vm.logFromGuest(fd === 1 ? 2 : 4, text);
    return m.writeU32(nwrittenPtr, data.length) ? Errno.SUCCESS : Errno.FAULT;
  };
  const envEntries = (): Buffer[] => Object.entries(vm.services.env).map(([k, v]) => Buffer.from(`${k}=${v}\u0000`));
  const okIfStdio = (fd: number): number => (stdio(fd) ? Errno.SUCCESS : Errno.BADF);
  return {
    fd_write: write,
    fd_read: () => Errno.ENOSYS,
    fd_seek: () => { trace("fd_seek"); return Errno.SUCCESS; },
    fd_close: () => { trace("fd_close"); return Errno.SUCCESS; },
    fd_fdstat_get(fd: number, ptr: number): number {
      if (!stdio(fd)) return Errno.BADF;
      const st = Buffer.alloc(24); // filetype u8, flags u16, rights_base u64 (FD_WRITE = 64), rights_inheriting u64
      st.writeBigUInt64LE(64n, 8);
      return m.write(ptr, st) ? Errno.SUCCESS : Errno.FAULT;
    },
    fd_fdstat_set_flags: () => Errno.ENOSYS,
    fd_fdstat_set_rights: okIfStdio,
    environ_get(environPtr: number, bufPtr: number): number {
      let p = bufPtr >>> 0;
      let i = 0;
      for (const e of envEntries()) {
        if (!m.writeU32(environPtr + 4 * i, p) || !m.write(p, e)) return Errno.FAULT;
        p += e.length; i++;
      }
      return Errno.SUCCESS;
    },
    environ_sizes_get(countPtr: number, sizePtr: number): number {
      const e = envEntries();
      return m.writeU32(countPtr, e.length) && m.writeU32(sizePtr, e.reduce((a, b) => a + b.length, 0)) ? Errno.SUCCESS : Errno.FAULT;
    },
    args_get: () => Errno.SUCCESS,
    args_sizes_get(argcPtr: number, sizePtr: number): number {
      return m.writeU32(argcPtr, 0) && m.writeU32(sizePtr, 0) ? Errno.SUCCESS : Errno.FAULT;
    },
    clock_time_get(id: number, _precision: bigint, ptr: number): number {
      const c = vm.services.clock;
      if (id === 0) return m.writeU64(ptr, c.nowNs()) ? Errno.SUCCESS : Errno.FAULT;
      if (id === 1) return m.writeU64(ptr, c.monotonicNs()) ? Errno.SUCCESS : Errno.FAULT;
      return Errno.NOTSUP;
    },
    clock_res_get(id: number, ptr: number): number {
      if (id !== 0 && id !== 1) return Errno.NOTSUP;
      return m.writeU64(ptr, 1n) ? Errno.SUCCESS : Errno.FAULT;
    },
    random_get(ptr: number, len: number): number {
      if (len >>> 0 > 65536) return Errno.INVAL;
      const b = Buffer.alloc(len >>> 0);
      randomFillSync(b);
      return m.write(ptr, b) ? Errno.SUCCESS : Errno.FAULT;
    },
    sched_yield: () => Errno.SUCCESS,
    poll_oneoff(_in: number, _out: number, _n: number, neventsPtr: number): number {
      // Envoy 1.33 .. early 2026 answer ENOSYS; cpp-host 94091cd+ reports zero events.
      if (!atLeast(vm.envoy, "latest")) return Errno.ENOSYS;
      return m.writeU32(neventsPtr, 0) ? Errno.SUCCESS : Errno.FAULT;
    },
    proc_exit: () => { trace("proc_exit"); }, // Envoy logs and returns; it does not terminate or trap
    path_open: () => Errno.NOENT,
    fd_prestat_get: () => Errno.BADF,
    fd_prestat_dir_name: () => Errno.ENOSYS,
    fd_advise: () => Errno.SUCCESS,
    fd_allocate: okIfStdio,
    fd_datasync: okIfStdio,
    fd_filestat_set_size: okIfStdio,
    fd_filestat_set_times: okIfStdio,
    fd_sync: okIfStdio,
    fd_pread: () => Errno.ENOSYS,
    fd_pwrite: (fd: number, iovs: number, count: number, _offset: bigint, nwrittenPtr: number) => write(fd, iovs, count, nwrittenPtr),
    fd_readdir(_fd: number, _buf: number, _len: number, _cookie: bigint, nreadPtr: number): number { m.writeU32(nreadPtr, 0); return Errno.ENOTDIR; },
    fd_renumber: (fd: number) => (stdio(fd) ? Errno.NOTSUP : Errno.BADF),
    fd_tell(fd: number, ptr: number): number {
      if (!stdio(fd)) return Errno.BADF;
      return m.writeU64(ptr, 0n) ? Errno.SUCCESS : Errno.FAULT;
    },
    fd_filestat_get: () => Errno.BADF,
    path_create_directory: () => Errno.NOTSUP,
    path_filestat_get: () => Errno.NOTSUP,
    path_filestat_set_times: () => Errno.NOTSUP,
    path_link: () => Errno.NOTSUP,
    path_readlink(_a: number, _b: number, _c: number, _d: number, _e: number, retPtr: number): number { m.writeU32(retPtr, 0); return Errno.NOTSUP; },
    path_remove_directory: () => Errno.NOTSUP,
    path_rename: () => Errno.NOTSUP,
    path_symlink: () => Errno.NOTSUP,
    path_unlink_file: () => Errno.NOTSUP,
    sock_accept(_fd: number, _flags: number, retPtr: number): number { m.writeU64(retPtr, 0n); return Errno.NOTSUP; },
    sock_recv(_fd: number, _ri: number, _rl: number, _f: number, ret0: number, ret1: number): number {
      m.writeU32(ret0, 0); m.write(ret1, Buffer.alloc(2)); return Errno.NOTSUP;
    },
    sock_send(_fd: number, _si: number, _sl: number, _f: number, ret0: number): number { m.writeU32(ret0, 0); return Errno.NOTSUP; },
    sock_shutdown: () => Errno.NOTSUP,
  };
}
