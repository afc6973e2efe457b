/** The environment variable dlt reads for `dlt.secrets["client_id"]`: `CLIENT_ID`. */
export const secretEnvName = (name: string) => name.toUpperCase().replace(/[^A-Z0-9]/g, "_");
