// Regenerates examples/policies/default.yaml from the ruleset library.
import { writeFileSync } from "node:fs";
import { renderDefaultPolicy } from "../policy/combine.ts";

const dir = new URL("../../examples/policies/", import.meta.url);
writeFileSync(new URL("default.yaml", dir), renderDefaultPolicy(dir));
console.log("wrote examples/policies/default.yaml");
