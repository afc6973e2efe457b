// Writes the generated JSON Schema to public/schema/ (npm run schema). A unit test keeps it in sync.
import { mkdirSync, writeFileSync } from "node:fs";
import { getJsonSchema } from "../lib/config";

mkdirSync("public/schema", { recursive: true });
writeFileSync("public/schema/rest_api_config.schema.json", JSON.stringify(getJsonSchema(), null, 2) + "\n");
console.log("wrote public/schema/rest_api_config.schema.json");
