// Runs only the parser specs: `npx asp --summary --no-logo -c tests/assembly/parsers/as-pect.config.js`
import base from "../../../as-pect.config.js";

export default { ...base, entries: ["tests/assembly/parsers/**/*.spec.ts"] };
