// Runs only the policy model's specs: `npx asp --summary --no-logo -c tests/assembly/policy/as-pect.config.js`
import base from "../../../as-pect.config.js";

export default { ...base, entries: ["tests/assembly/policy/**/*.spec.ts"] };
