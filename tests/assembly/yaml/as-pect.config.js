// Runs only the YAML parser's specs: `npx asp --summary --no-logo -c tests/assembly/yaml/as-pect.config.js`
// (as-pect 8.1 adds positional paths to the configured entries and its --disclude flag is
// ignored, so a narrowed config is the way to run one directory).
import base from "../../../as-pect.config.js";

export default { ...base, entries: ["tests/assembly/yaml/**/*.spec.ts"] };
