/** dlt's paginator, auth and incremental classes as values (python-classes.ts's table), and the user's own classes. */
import type { PlainValue } from "../../formats";
import { AUTH, BASE, file, H, P, PAG, plain, posts, row, type PyCase } from "./kit";

const pag = (imports: string, call: string) => file(posts(`{"paginator": ${call}}`), "", `${H}${imports}\n\n`);
const auth = (imports: string, call: string) =>
  file(`{"client": {"base_url": "${BASE}", "auth": ${call}}, "resources": ["posts"]}`, "", `${H}${imports}\n\n`);
const authValue = (a: PlainValue): PlainValue => ({ client: { base_url: BASE, auth: a }, resources: ["posts"] });
const params = (call: string, imports = "") => file(posts(`{"params": {"since": ${call}}}`), "", `${H}${imports}`);

export const CLASS_CASES: PyCase[] = [
  row("HeaderLinkPaginator()", pag(`${PAG} HeaderLinkPaginator`, "HeaderLinkPaginator()"), [], plain({ type: "header_link" })),
  row(
    "JSONLinkPaginator(next_url_path=...)",
    pag(`${PAG} JSONLinkPaginator`, 'JSONLinkPaginator(next_url_path="pagination.next")'),
    [],
    plain({ type: "json_link", next_url_path: "pagination.next" }),
  ),
  row(
    "JSONLinkPaginator with a positional argument",
    pag(`${PAG} JSONLinkPaginator`, 'JSONLinkPaginator("links.next")'),
    [],
    plain({ type: "json_link", next_url_path: "links.next" }),
  ),
  row(
    "OffsetPaginator(limit=100): dlt's default total_path",
    pag(`${PAG} OffsetPaginator`, "OffsetPaginator(limit=100)"),
    [["default_total_path", `${P}/type`, "OffsetPaginator"]],
    plain({ type: "offset", limit: 100 }),
  ),
  row(
    "OffsetPaginator(limit=100, total_path=None)",
    pag(`${PAG} OffsetPaginator`, "OffsetPaginator(limit=100, total_path=None)"),
    [],
    plain({ type: "offset", limit: 100, total_path: null }),
  ),
  row(
    "OffsetPaginator() without its required limit",
    pag(`${PAG} OffsetPaginator`, "OffsetPaginator(total_path=None)"),
    [["offset_without_limit", `${P}/limit`, "OffsetPaginator"]],
    plain({ type: "offset", total_path: null }),
  ),
  row(
    "OffsetPaginator with a misspelt keyword",
    pag(`${PAG} OffsetPaginator`, "OffsetPaginator(limt=100, total_path=None)"),
    [
      ["offset_without_limit", `${P}/limit`, "OffsetPaginator"],
      ["python_type_error", P, "limt"],
    ],
    plain({ type: "offset", total_path: null }),
  ),
  row(
    "PageNumberPaginator(base_page=1, total_path=...)",
    pag(`${PAG} PageNumberPaginator`, 'PageNumberPaginator(base_page=1, total_path="total_pages")'),
    [],
    plain({ type: "page_number", base_page: 1, total_path: "total_pages" }),
  ),
  row(
    "PageNumberPaginator with positional arguments",
    pag(`${PAG} PageNumberPaginator`, 'PageNumberPaginator(1, None, "p", None)'),
    [],
    plain({ type: "page_number", base_page: 1, page_param: "p", total_path: null }),
  ),
  row(
    "PageNumberPaginator with both page_param and page_body_path",
    pag(`${PAG} PageNumberPaginator`, 'PageNumberPaginator(page_param="page", page_body_path="page", total_path=None)'),
    [["page_param_and_body_path", `${P}/page_body_path`, "page_body_path"]],
    plain({ type: "page_number", page_param: "page", page_body_path: "page", total_path: null }),
  ),
  row(
    "JSONResponseCursorPaginator",
    pag(`${PAG} JSONResponseCursorPaginator`, 'JSONResponseCursorPaginator(cursor_path="next_cursor", cursor_param="after")'),
    [],
    plain({ type: "cursor", cursor_path: "next_cursor", cursor_param: "after" }),
  ),
  row(
    "HeaderCursorPaginator",
    pag(`${PAG} HeaderCursorPaginator`, 'HeaderCursorPaginator(cursor_key="X-Next-Cursor")'),
    [],
    plain({ type: "header_cursor", cursor_key: "X-Next-Cursor" }),
  ),
  row("SinglePagePaginator()", pag(`${PAG} SinglePagePaginator`, "SinglePagePaginator()"), [], plain({ type: "single_page" })),
  row(
    "SinglePagePaginator with an argument it does not take",
    pag(`${PAG} SinglePagePaginator`, "SinglePagePaginator(1)"),
    [["python_type_error", P, "1"]],
    plain({ type: "single_page" }),
  ),
  row(
    "JSONResponsePaginator (deprecated)",
    pag(`${PAG} JSONResponsePaginator`, "JSONResponsePaginator()"),
    [],
    plain({ type: "json_response" }),
  ),
  row(
    "a paginator through its module",
    pag("from dlt.sources.helpers.rest_client import paginators", "paginators.HeaderLinkPaginator()"),
    [],
    plain({ type: "header_link" }),
  ),
  row(
    "a paginator class used without its import",
    pag("import os", "HeaderLinkPaginator()"),
    [["missing_import", "", "HeaderLinkPaginator"]],
    plain({ type: "header_link" }),
  ),
  row(
    "BearerTokenAuth(token=dlt.secrets[...])",
    auth(`${AUTH} BearerTokenAuth`, 'BearerTokenAuth(token=dlt.secrets["token"])'),
    [],
    authValue({ type: "bearer", token: { $secret: "token" } }),
  ),
  row(
    "BearerTokenAuth() reads its token where dlt does",
    auth(`${AUTH} BearerTokenAuth`, "BearerTokenAuth()"),
    [],
    authValue({ type: "bearer", token: { $secret: "sources.rest_api.credentials.token" } }),
  ),
  row(
    "APIKeyAuth with every argument",
    auth(`${AUTH} APIKeyAuth`, 'APIKeyAuth(name="X-API-Key", api_key=dlt.secrets["api_key"], location="header")'),
    [],
    authValue({ type: "api_key", name: "X-API-Key", api_key: { $secret: "api_key" }, location: "header" }),
  ),
  row(
    "HttpBasicAuth with positional arguments",
    auth(`${AUTH} HttpBasicAuth`, 'HttpBasicAuth("demo", dlt.secrets["password"])'),
    [],
    authValue({ type: "http_basic", username: "demo", password: { $secret: "password" } }),
  ),
  row(
    "OAuth2ClientCredentials",
    auth(
      `${AUTH} OAuth2ClientCredentials`,
      'OAuth2ClientCredentials(access_token_url="https://login.example.com/token", client_id=dlt.secrets["client_id"], client_secret=dlt.secrets["client_secret"])',
    ),
    [],
    authValue({
      type: "oauth2_client_credentials",
      access_token_url: "https://login.example.com/token",
      client_id: { $secret: "client_id" },
      client_secret: { $secret: "client_secret" },
    }),
  ),
  row(
    "a token written into BearerTokenAuth",
    auth(`${AUTH} BearerTokenAuth`, 'BearerTokenAuth(token="sk-live-0123456789")'),
    [["hardcoded_secret", "/client/auth/token", '"sk-live']],
    authValue({ type: "bearer", token: "sk-live-0123456789" }),
  ),
  row(
    "dlt.sources.incremental in params, positional",
    params('dlt.sources.incremental("updated_at", "2024-01-01T00:00:00Z")'),
    [],
    plain({ params: { since: { type: "incremental", cursor_path: "updated_at", initial_value: "2024-01-01T00:00:00Z" } } }, "endpoint"),
  ),
  row(
    "the typed form dlt.sources.incremental[str](…) in params (dlt's VALID_CONFIGS): the same class",
    params('dlt.sources.incremental[str]("updated_at", initial_value="2024-01-01", end_value="2024-02-01")'),
    [["incremental_param_end", "/resources/0/endpoint/params/since/end_value", "end_value"]],
    plain(
      { params: { since: { type: "incremental", cursor_path: "updated_at", initial_value: "2024-01-01", end_value: "2024-02-01" } } },
      "endpoint",
    ),
  ),
  row(
    "an incremental object with end_value in params",
    params('dlt.sources.incremental("updated_at", initial_value="2024-01-01", end_value="2024-02-01")'),
    [["incremental_param_end", "/resources/0/endpoint/params/since/end_value", "end_value"]],
    plain(
      { params: { since: { type: "incremental", cursor_path: "updated_at", initial_value: "2024-01-01", end_value: "2024-02-01" } } },
      "endpoint",
    ),
  ),
  row(
    "a typed incremental param with end_param",
    file(posts('{"params": {"since": {"type": "incremental", "cursor_path": "updated_at", "end_param": "until"}}}')),
    [["incremental_param_end", "/resources/0/endpoint/params/since/end_param", '"end_param"']],
    plain({ params: { since: { type: "incremental", cursor_path: "updated_at", end_param: "until" } } }, "endpoint"),
  ),
  row(
    "an incremental object as the endpoint's incremental",
    file(posts('{"params": {"since": "{incremental.start_value}"}, "incremental": dlt.sources.incremental("updated_at")}')),
    [["invalid_type", "/resources/0/endpoint/incremental", "dlt.sources"]],
    plain({ params: { since: "{incremental.start_value}" }, incremental: { cursor_path: "updated_at" } }, "endpoint"),
  ),
  row(
    "Incremental from dlt.extract with last_value_func=min",
    params('Incremental("id", initial_value=10**6, last_value_func=min)', "from dlt.extract import Incremental\n"),
    // An int Python computes (1000000): the run sends it, as dlt does (decision 0035, amended).
    [["python_computed", "/resources/0/endpoint/params/since/initial_value", "10**6"]],
    plain(
      { params: { since: { type: "incremental", cursor_path: "id", initial_value: { $python: "10**6" }, last_value_func: "min" } } },
      "endpoint",
    ),
  ),
  row(
    "an incremental object with an unknown keyword",
    params('dlt.sources.incremental("updated_at", start="2024")'),
    [["python_type_error", "/resources/0/endpoint/params/since", "start"]],
    plain({ params: { since: { type: "incremental", cursor_path: "updated_at" } } }, "endpoint"),
  ),
];

const MY = `${H}from dlt.sources.helpers.rest_client.paginators import BasePaginator, JSONLinkPaginator
from dlt.sources.helpers.rest_client.auth import AuthConfigBase
from dlt.common.configuration import configspec
from dlt.sources.rest_api.config_setup import register_paginator


class CursorInBody(BasePaginator):
    def __init__(self, field="next"):
        super().__init__()
        self.field = field

    def update_state(self, response, data=None):
        self._next_reference = response.json().get(self.field)
        self._has_next_page = bool(self._next_reference)

    def update_request(self, request):
        request.json = {"after": self._next_reference}


class NextLink(JSONLinkPaginator):
    pass


class NotAPaginator:
    pass


@configspec
class TokenAuth(AuthConfigBase):
    def __init__(self, token):
        self.token = token


class PlainAuth(AuthConfigBase):
    def __init__(self, token):
        self.token = token


register_paginator("cursor_in_body", CursorInBody)
register_paginator("next_link", NextLink)

`;

export const CUSTOM_CASES: PyCase[] = [
  row(
    "your own paginator class",
    file(posts('{"paginator": CursorInBody(field="cursor")}'), MY, ""),
    [["python_custom_class", P, "CursorInBody("]],
    plain({ $python: 'CursorInBody(field="cursor")' }),
  ),
  row(
    "your own paginator run as header_link",
    file(posts('{\n        "paginator": CursorInBody(),  # restplay: run as header_link\n    }'), MY, ""),
    [["python_stand_in", P, "CursorInBody("]],
    plain({ type: "header_link" }),
  ),
  row(
    "a subclass of a dlt paginator takes its arguments",
    file(posts('{"paginator": NextLink(next_path="next")}'), MY, ""),
    [
      ["python_custom_class", P, "NextLink("],
      ["python_type_error", P, "next_path"],
    ],
    plain({ $python: 'NextLink(next_path="next")' }),
  ),
  row(
    "a class that is no paginator",
    file(posts('{"paginator": NotAPaginator()}'), MY, ""),
    [["invalid_type", P, "NotAPaginator("]],
    plain({ $python: "NotAPaginator()" }),
  ),
  row(
    "a requests AuthBase subclass as the auth (dlt: Incorrect auth object type … Expected … an instance of AuthConfigBase)",
    file(
      posts("{}", `{"base_url": "${BASE}", "auth": TokenAuth("t")}`),
      "class TokenAuth(AuthBase):\n    def __init__(self, token):\n        self.token = token\n\n\n",
      `${H}from requests.auth import AuthBase\n\n`,
    ),
    [["invalid_type", "/client/auth", "TokenAuth("]],
    { client: { base_url: BASE, auth: { $python: 'TokenAuth("t")' } }, resources: [{ name: "posts", endpoint: {} }] },
  ),
  row(
    "a registered paginator name",
    file(posts('{"paginator": "cursor_in_body"}'), MY, ""),
    [["python_custom_class", P, '"cursor_in_body"']],
    plain({ $python: '"cursor_in_body"' }),
  ),
  row(
    "a registered type in a dict with a key no dlt paginator has",
    file(posts('{"paginator": {"type": "cursor_in_body", "field": "x"}}'), MY, ""),
    [
      ["python_custom_class", P, '{"type"'],
      ["unknown_key", `${P}/field`, '"field"'],
    ],
    plain({ $python: '{"type": "cursor_in_body", "field": "x"}' }),
  ),
  row(
    "a registered type whose class inherits dlt's __init__, given a key that __init__ does not take (basic.md's custom paginator)",
    file(posts('{"paginator": {"type": "next_link", "cursor_path": "x"}}'), MY, ""),
    [
      ["python_custom_class", P, '{"type"'],
      ["python_type_error", `${P}/cursor_path`, '"cursor_path"'],
    ],
    plain({ $python: '{"type": "next_link", "cursor_path": "x"}' }),
  ),
  row(
    "a registered @configspec auth class without __init__, given its key in the dict (basic.md's custom auth): dlt takes it",
    file(
      `{"client": {"base_url": "${BASE}", "auth": {"type": "custom_auth", "api_key": dlt.secrets["api_key"]}}, "resources": ["posts"]}`,
      '@configspec\nclass CustomAuth(AuthConfigBase):\n    pass\n\n\nregister_auth("custom_auth", CustomAuth)\n\n',
      `${H}from dlt.common.configuration import configspec\nfrom dlt.sources.helpers.rest_client.auth import AuthConfigBase\n` +
        "from dlt.sources.rest_api.config_setup import register_auth\n\n\n",
    ),
    [["python_custom_class", "/client/auth", '{"type"']],
    {
      client: { base_url: BASE, auth: { $python: '{"type": "custom_auth", "api_key": dlt.secrets["api_key"]}' } },
      resources: ["posts"],
    },
  ),
  row(
    "your own auth class called with a wrong keyword",
    file(`{"client": {"base_url": "${BASE}", "auth": TokenAuth(key="x")}, "resources": ["posts"]}`, MY, ""),
    [
      ["python_custom_class", "/client/auth", "TokenAuth("],
      ["python_type_error", "/client/auth", "key"],
    ],
    authValue({ $python: 'TokenAuth(key="x")' }),
  ),
  row(
    "your own auth class without @configspec (dlt's rest_api_source refuses its instance)",
    file(`{"client": {"base_url": "${BASE}", "auth": PlainAuth("x")}, "resources": ["posts"]}`, MY, ""),
    [
      ["auth_not_configspec", "/client/auth", "PlainAuth("],
      ["python_custom_class", "/client/auth", "PlainAuth("],
    ],
    authValue({ $python: 'PlainAuth("x")' }),
  ),
  row(
    "your own auth run as bearer",
    file(
      `{\n    "client": {"base_url": "${BASE}", "auth": TokenAuth(dlt.secrets["t"])},  # restplay: run as bearer\n    "resources": ["posts"],\n}`,
      MY,
      "",
    ),
    [["python_stand_in", "/client/auth", "TokenAuth("]],
    authValue({ type: "bearer", token: { $secret: "sources.rest_api.credentials.token" } }),
  ),
];
