/**
 * The only credentials the mock APIs accept. In mock mode the run fills every secret the user did not
 * give from here (by the name the config uses in `dlt.secrets["…"]`); any other value gets the API's
 * real 401/403.
 */
export const LAB_SECRETS = {
  lab_user: "demo-user",
  lab_password: "demo-password",
  lab_api_key: "demo-lab-key",
  lab_token: "demo-lab-token",
} as const;

/** dlt's docs examples: the GitHub token (`github_source(github_token=dlt.secrets.value)`) the GitHub mock accepts. */
export const DOCS_SECRETS = { github_token: "demo-github-token" } as const;

export const MOCK_DEMO_SECRETS: Readonly<Record<string, string>> = Object.freeze({
  /** OAuth2 client credentials for login.example.com, api.example.com/oauth/token and identity.example.com. */
  client_id: "demo-client-id",
  client_secret: "demo-client-secret",
  /** `?api_key=` on api.example.com/v1/resource (seeds 002, 003). */
  api_key: "demo-api-key",
  /** A bearer token every api.example.com listing accepts without a token request (seed 004's bearer alternative). */
  access_token: "demo-access-token",
  /** The same token under the name dlt's `bearer` auth uses. */
  token: "demo-access-token",
  /** HTTP Basic credentials of an API mocked from an imported spec (lib/mocks/spec). */
  username: "demo-user",
  password: "demo-password",
  ...LAB_SECRETS,
  ...DOCS_SECRETS,
});
