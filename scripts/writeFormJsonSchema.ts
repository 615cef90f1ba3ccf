/** Write docs/form-schema.json from the zod meta-schema (`npm run docs:form-schema`). */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formJsonSchema } from "../forms/formJsonSchema";

const target = path.join(path.dirname(fileURLToPath(import.meta.url)), "../docs/form-schema.json");
writeFileSync(target, `${JSON.stringify(formJsonSchema(), null, 2)}\n`);
console.log(`wrote ${path.relative(process.cwd(), target)}`);
