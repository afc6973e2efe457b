/**
 * Python restplay does not evaluate (decision 0022) where a check needs the value: an f-string of a
 * secret, a call, a name bound to one. dlt evaluates it and builds each of these sources (checked with
 * dlt 1.26.0), so restplay says only that it left the value out — no finding its absence made up.
 */
import { BASE, H, row, type PyCase } from "./kit";

/** A whole file whose config reads the deployment's settings through `setting(...)`, which restplay does not run. */
const withSettings = (dict: string, before = "") =>
  `${H}def setting(name, default):\n    return default\n\n\n${before}source = rest_api_source(${dict})\n`;
const py = (text: string) => ({ $python: text });

export const UNREAD_CASES: PyCase[] = [
  row(
    "an auth type from a setting: which fields it takes is dlt's to say (no auth_field_missing, no unknown_key)",
    withSettings(
      `{"client": {"base_url": "${BASE}", "auth": {"type": setting("auth", "api_key"), "api_key": dlt.secrets["key"]}}, "resources": ["posts"]}`,
    ),
    [["python_not_executed", "/client/auth/type", "setting("]],
    { client: { base_url: BASE, auth: { type: py('setting("auth", "api_key")'), api_key: { $secret: "key" } } }, resources: ["posts"] },
  ),
];
