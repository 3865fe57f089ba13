// Runs only the token extraction specs: `npx asp --summary --no-logo -c tests/assembly/token/as-pect.config.js`
import base from "../../../as-pect.config.js";

export default { ...base, entries: ["tests/assembly/token/**/*.spec.ts"] };
