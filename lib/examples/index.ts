/**
 * The gallery: the five seed documents' Python code blocks, verbatim (generated from shared/seeds/;
 * a test checks they stay byte-for-byte equal), with the row counts a run against the mocks yields.
 */
import type { SourceFormat } from "../formats";

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly format: SourceFormat;
  /** Where the text comes from. */
  readonly source: string;
  /** Per resource: records fetched and rows after merging, against the built-in mocks. */
  readonly expected: { readonly resources: Readonly<Record<string, { readonly fetched: number; readonly merged: number }>> };
  readonly text: string;
}

import { DOCS_EXAMPLES } from "./docs";
import { LAB_EXAMPLES } from "./lab";

/** The five seeds first (the documents restplay was created from). */
export const SEED_EXAMPLES: readonly Example[] = [
  {
    id: "seed-000",
    title: "Cloud storage — OAuth2, offset paging (seed 000)",
    description: "OAuth2 client credentials against login.example.com, offset pagination (limit 100), records under `data`.",
    format: "python",
    source: "shared/seeds/000_2980377901259936.txt",
    expected: {
      resources: {
        generic_resource: { fetched: 251, merged: 250 },
      },
    },
    text: 'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {\n        "base_url": "https://api.example.com",\n        "auth": {\n            "type": "oauth2",\n            "token_url": "https://login.example.com/oauth2/v2.0/token",\n            "client_id": dlt.secrets["client_id"],\n            "client_secret": dlt.secrets["client_secret"]\n        }\n    },\n    "resource_defaults": {\n        "primary_key": "id",\n        "write_disposition": "merge"\n    },\n    "resources": [\n        {\n            "name": "generic_resource",\n            "endpoint": {\n                "path": "/v1/resource",\n                "data_selector": "data",\n                "paginator": {\n                    "type": "offset",\n                    "limit": 100\n                }\n            }\n        }\n    ]\n})\n',
  },
  {
    id: "seed-001",
    title: "Analytics — OAuth2 on the API host (seed 001)",
    description: "OAuth2 client credentials with the token endpoint on api.example.com, offset pagination.",
    format: "python",
    source: "shared/seeds/001_435f8fb56cf02bd1.txt",
    expected: {
      resources: {
        resource_name: { fetched: 251, merged: 250 },
      },
    },
    text: 'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {\n        "base_url": "https://api.example.com",\n        "auth": {\n            "type": "oauth2",\n            "client_id": dlt.secrets["client_id"],\n            "client_secret": dlt.secrets["client_secret"],\n            "token_url": "https://api.example.com/oauth/token"\n        }\n    },\n    "resource_defaults": {\n        "primary_key": "id",\n        "write_disposition": "merge"\n    },\n    "resources": [\n        {\n            "name": "resource_name",\n            "endpoint": {\n                "path": "/v1/resource",\n                "data_selector": "data",\n                "paginator": {\n                    "type": "offset",\n                    "limit": 100\n                }\n            }\n        }\n    ]\n})\n',
  },
  {
    id: "seed-002",
    title: "Storage — API key in the query (seed 002)",
    description: "An API key sent as the `api_key` query parameter, offset pagination, merge by `id`.",
    format: "python",
    source: "shared/seeds/002_2300f51f6fdbd1f9.txt",
    expected: {
      resources: {
        storage_data: { fetched: 251, merged: 250 },
      },
    },
    text: 'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {\n        "base_url": "https://api.example.com",\n        "auth": {\n            "type": "api_key",\n            "name": "api_key",\n            "api_key": dlt.secrets["api_key"],\n            "location": "query"\n        }\n    },\n    "resource_defaults": {\n        "primary_key": "id",\n        "write_disposition": "merge"\n    },\n    "resources": [\n        {\n            "name": "storage_data",\n            "endpoint": {\n                "path": "/v1/resource",\n                "data_selector": "data",\n                "paginator": {\n                    "type": "offset",\n                    "limit": 100\n                }\n            }\n        }\n    ]\n})\n',
  },
  {
    id: "seed-003",
    title: "Generic REST — API key, nullable fields (seed 003)",
    description: "An API key in the query string; records with nullable fields.",
    format: "python",
    source: "shared/seeds/003_92089a2e78633611.txt",
    expected: {
      resources: {
        resource_name: { fetched: 251, merged: 250 },
      },
    },
    text: 'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {\n        "base_url": "https://api.example.com",\n        "auth": {\n            "type": "api_key",\n            "name": "api_key",\n            "api_key": dlt.secrets["api_key"],\n            "location": "query"\n        }\n    },\n    "resource_defaults": {\n        "primary_key": "id",\n        "write_disposition": "merge"\n    },\n    "resources": [\n        {\n            "name": "resource_name",\n            "endpoint": {\n                "path": "/v1/resource",\n                "data_selector": "data",\n                "paginator": {\n                    "type": "offset",\n                    "limit": 100\n                }\n            }\n        }\n    ]\n})\n',
  },
  {
    id: "seed-004",
    title: "Accounting — page numbers and error_handler (seed 004)",
    description:
      "OAuth2 via identity.example.com, page-number paging with a page size, per-endpoint retries; its primary key `id` does not exist in the records.",
    format: "python",
    source: "shared/seeds/004_bd6b24b885e29f46.txt",
    expected: {
      resources: {
        bank_transactions: { fetched: 251, merged: 251 },
        contacts: { fetched: 251, merged: 251 },
      },
    },
    text: 'import dlt\nfrom dlt.sources.rest_api import rest_api_source\n\nsource = rest_api_source({\n    "client": {\n        "base_url": "https://api.example.com",\n        "auth": {\n            "type": "oauth2",\n            "client_id": dlt.secrets["client_id"],\n            "client_secret": dlt.secrets["client_secret"],\n            "token_url": "https://identity.example.com/connect/token"\n        }\n    },\n    "resource_defaults": {\n        "primary_key": "id",\n        "write_disposition": "merge"\n    },\n    "resources": [\n        {\n            "name": "bank_transactions",\n            "endpoint": {\n                "path": "/v1/bank_transactions",\n                "data_selector": "BankTransactions",\n                "paginator": {\n                    "type": "page_number",\n                    "limit": 100,\n                    "page_param": "page",\n                    "limit_param": "page_size"\n                },\n                "error_handler": {\n                    "retry_on_status_codes": [401, 403, 429],\n                    "max_retries": 3,\n                    "backoff_factor": 30\n                }\n            }\n        },\n        {\n            "name": "contacts",\n            "endpoint": {\n                "path": "/v1/contacts",\n                "data_selector": "Contacts",\n                "paginator": {\n                    "type": "page_number",\n                    "limit": 100,\n                    "page_param": "page",\n                    "limit_param": "page_size"\n                },\n                "error_handler": {\n                    "retry_on_status_codes": [401, 403, 429],\n                    "max_retries": 3,\n                    "backoff_factor": 30\n                }\n            }\n        },\n        // Additional resources can be added here following the same structure\n    ]\n})\n',
  },
];

export const EXAMPLES: readonly Example[] = [...SEED_EXAMPLES, ...DOCS_EXAMPLES, ...LAB_EXAMPLES];

export function getExample(id: string): Example | undefined {
  return EXAMPLES.find((e) => e.id === id);
}
