/** Diagnostics table: every auth type (dlt-rest-api.md §9), the seed's `oauth2`, explicit null, hard-coded credentials. */
import { BASE, jauth, pauth, pres, res, yauth, type Case, type ValidCase } from "./kit";

export const AUTH_VALID: ValidCase[] = [
  ["bearer with dlt.secrets", "python", pauth(`{"type": "bearer", "token": dlt.secrets["token"]}`), []],
  ["typeless bearer with a $secret", "json", jauth(`{"token": {"$secret": "token"}}`), []],
  [
    "bearer shorthand: dlt reads the token from its secrets and fails without it",
    "yaml",
    `client:
  base_url: ${BASE}
  auth: bearer
resources: [posts]
`,
    [["auth_field_missing", "/client/auth", "bearer", 3, 9]],
  ],
  [
    "api_key in the query string",
    "yaml",
    yauth(`    type: api_key
    name: api_key
    api_key: {$secret: api_key}
    location: query`),
    [],
  ],
  [
    "api_key in a cookie",
    "yaml",
    yauth(`    type: api_key
    api_key: {$secret: api_key}
    location: cookie`),
    [["auth_cookie_unsupported", "/client/auth/location", "cookie", 6, 15]],
  ],
  [
    "http_basic with secrets",
    "json",
    jauth(`{"type": "http_basic", "username": {"$secret": "username"}, "password": {"$secret": "password"}}`),
    [],
  ],
  [
    "oauth2_client_credentials, every key",
    "python",
    pauth(`{
            "type": "oauth2_client_credentials",
            "access_token_url": "https://login.example.com/token",
            "client_id": dlt.secrets["client_id"],
            "client_secret": dlt.secrets["client_secret"],
            "access_token_request_data": {"scope": "read"},
            "default_token_expiration": 3600,
        }`),
    [],
  ],
  [
    "seed oauth2 with a scope",
    "python",
    pauth(`{
            "type": "oauth2",
            "token_url": "https://login.example.com/token",
            "client_id": dlt.secrets["client_id"],
            "client_secret": dlt.secrets["client_secret"],
            "scope": "read",
        }`),
    [["dialect_oauth2", "/client/auth/type", '"oauth2"', 5, 21]],
  ],
  [
    "seed oauth2 in JSON",
    "json",
    jauth(
      `{"type": "oauth2", "token_url": "https://login.example.com/token", "client_id": {"$secret": "client_id"}, "client_secret": {"$secret": "client_secret"}}`,
    ),
    [["dialect_oauth2", "/client/auth/type", '"oauth2"', 4, 22]],
  ],
  [
    "endpoint auth None disables the client's",
    "python",
    `source = rest_api_source({
    "client": {"base_url": "${BASE}", "auth": {"token": dlt.secrets["token"]}},
    "resources": [{"name": "public", "endpoint": {"path": "public", "auth": None}}],
})
`,
    [],
  ],
  ["endpoint auth null", "json", res(`      "endpoint": {"path": "posts", "auth": null}`), []],
  [
    "endpoint auth ~ in YAML",
    "yaml",
    `client:
  base_url: ${BASE}
  auth: {type: bearer, token: {$secret: token}}
resources:
  - name: public
    endpoint:
      auth: ~
`,
    [],
  ],
  [
    "endpoint http_basic overriding a client bearer",
    "yaml",
    `client:
  base_url: ${BASE}
  auth: {token: {$secret: token}}
resources:
  - name: admin
    endpoint:
      auth: {type: http_basic, username: admin, password: {$secret: password}}
`,
    [],
  ],
  [
    "a bearer token left to dlt's secrets (none in the config)",
    "python",
    pauth(`{"type": "bearer"}`),
    [["auth_field_missing", "/client/auth", '"auth"', 4, 9]],
  ],
  [
    "an empty auth dict: dlt takes it as a bearer token and looks the token up in its secrets",
    "json",
    jauth(`{}`),
    [["auth_field_missing", "/client/auth", '"auth"', 4, 5]],
  ],
  [
    "hard-coded api_key",
    "python",
    pauth(`{"type": "api_key", "name": "X-API-Key", "api_key": "k-12345"}`),
    [["hardcoded_secret", "/client/auth/api_key", '"k-12345"', 4, 69]],
  ],
  [
    "hard-coded password",
    "yaml",
    yauth(`    type: http_basic
    username: me
    password: hunter22`),
    [["hardcoded_secret", "/client/auth/password", "hunter22", 6, 15]],
  ],
  [
    "hard-coded client_secret on an endpoint",
    "json",
    res(`      "endpoint": {
        "auth": {"type": "oauth2_client_credentials", "access_token_url": "https://login.example.com/token", "client_secret": "s3cr3t"}
      }`),
    [
      ["auth_field_missing", "/resources/0/endpoint/auth", '"auth"', 7, 9],
      ["hardcoded_secret", "/resources/0/endpoint/auth/client_secret", '"s3cr3t"', 7, 127],
    ],
  ],
  ["an auth object", "python", pauth(`HttpBasicAuth("user", dlt.secrets["password"])`), []],
  [
    "base_url from dlt.config",
    "python",
    `source = rest_api_source({
    "client": {"base_url": dlt.config["base_url"], "auth": {"type": "api_key", "api_key": dlt.secrets["api_key"]}},
    "resources": ["posts"],
})
`,
    [],
  ],
];

export const AUTH_CASES: Case[] = [
  ["bearer token a number", "json", jauth(`{"type": "bearer", "token": 123}`), "invalid_type", "/client/auth/token", "123", 4, 41],
  [
    "api_key location body",
    "yaml",
    yauth(`    type: api_key
    api_key: {$secret: api_key}
    location: body`),
    "invalid_value",
    "/client/auth/location",
    "body",
    6,
    15,
  ],
  [
    "api_key location case",
    "python",
    pauth(`{"type": "api_key", "api_key": dlt.secrets["api_key"], "location": "Header"}`),
    "invalid_value",
    "/client/auth/location",
    '"Header"',
    4,
    84,
  ],
  [
    "typeless auth with an api_key key",
    "python",
    pauth(`{"name": "X-API-Key", "api_key": dlt.secrets["api_key"]}`),
    "unknown_key",
    "/client/auth/name",
    '"name"',
    4,
    18,
  ],
  [
    "http_basic with a token",
    "yaml",
    yauth(`    type: http_basic
    username: {$secret: username}
    password: {$secret: password}
    token: {$secret: token}`),
    "unknown_key",
    "/client/auth/token",
    "token",
    7,
    5,
  ],
  [
    "http_basic without username",
    "python",
    pauth(`{"type": "http_basic", "password": dlt.secrets["password"]}`),
    "missing_key",
    "/client/auth/username",
    '"auth"',
    4,
    9,
  ],
  [
    "oauth2_client_credentials with token_url",
    "json",
    jauth(`{"type": "oauth2_client_credentials", "token_url": "https://login.example.com/token"}`),
    "unknown_key",
    "/client/auth/token_url",
    '"token_url"',
    4,
    51,
  ],
  [
    "default_token_expiration a string",
    "yaml",
    yauth(`    type: oauth2_client_credentials
    access_token_url: https://login.example.com/token
    default_token_expiration: "3600"`),
    "invalid_type",
    "/client/auth/default_token_expiration",
    '"3600"',
    6,
    31,
  ],
  [
    "access_token_request_data a list",
    "python",
    pauth(`{"type": "oauth2_client_credentials", "access_token_request_data": ["scope", "read"]}`),
    "invalid_type",
    "/client/auth/access_token_request_data",
    '["scope"',
    4,
    84,
  ],
  [
    "seed oauth2 without client_secret",
    "python",
    pauth(`{"type": "oauth2", "token_url": "https://login.example.com/token", "client_id": dlt.secrets["client_id"]}`),
    "missing_key",
    "/client/auth/client_secret",
    '"auth"',
    4,
    9,
  ],
  [
    "auth shorthand with a dash",
    "yaml",
    `client:
  base_url: ${BASE}
  auth: api-key
resources: [posts]
`,
    "invalid_auth_type",
    "/client/auth",
    "api-key",
    3,
    9,
  ],
  [
    "auth at resource level",
    "yaml",
    `client:
  base_url: ${BASE}
resources:
  - name: posts
    auth: {token: {$secret: token}}
`,
    "unknown_key",
    "/resources/0/auth",
    "auth",
    5,
    5,
  ],
  [
    "endpoint auth of an unknown type",
    "json",
    res(`      "endpoint": {"auth": {"type": "oauth1", "token": {"$secret": "token"}}}`),
    "invalid_auth_type",
    "/resources/0/endpoint/auth/type",
    '"oauth1"',
    6,
    37,
  ],
  [
    "endpoint auth a number",
    "python",
    pres(`            "endpoint": {"auth": 0},`),
    "invalid_type",
    "/resources/0/endpoint/auth",
    "0",
    6,
    34,
  ],
];
