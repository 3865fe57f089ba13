#!/usr/bin/env node
// Entry point of the `leakscope` command. The CLI is TypeScript; tsx compiles it on the fly,
// resolved from this package (not from the caller's directory).
import { register } from "tsx/esm/api";

register();
await import("../src/cli/leakscope.ts");
