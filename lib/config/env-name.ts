/**
 * The environment variable dlt reads for `dlt.secrets["name"]`: sections and key joined by `__`, upper
 * case (`client_id` → `CLIENT_ID`, `sources.rest_api.token` → `SOURCES__REST_API__TOKEN`).
 * One definition for the engine's messages, lib/run and the CLI.
 */
export function secretEnvName(name: string): string {
  const sections = name.split(".");
  const key = sections.pop() ?? "";
  return [...sections.filter(Boolean), key].join("__").toUpperCase();
}
