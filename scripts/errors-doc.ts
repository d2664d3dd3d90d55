// Writes docs/errors.md from ERROR_CODES and the trigger table (`npm run errors:doc`).
import { writeFileSync } from "node:fs";
import { renderErrorsDoc } from "../test/contract/errorCodes.js";

writeFileSync(new URL("../docs/errors.md", import.meta.url), renderErrorsDoc());
console.log("wrote docs/errors.md");
