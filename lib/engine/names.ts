/** The environment variable dlt reads for a secret: one definition, in lib/config. */
export { secretEnvName } from "../config/env-name";
