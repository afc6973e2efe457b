/**
 * `AUTH if TOKEN else None` in a Python file, decided by the values a `restplay run`, `check` or `validate` has (decision 0045,
 * thirtieth session). Recorded with dlt 1.26.0 (a temporary project, `TOKEN = dlt.secrets.get("token")`, a loopback
 * http.server seeing the `Authorization` header): no `token` anywhere, `token = ""`, `token = 0`, `token = false` in
 * `.dlt/secrets.toml` and `TOKEN=` in the environment sent no `Authorization` (`None`); `token = "abc"` sent `Bearer abc`.
 */
import { describe, expect, it } from "vitest";
import { cli } from "../testing/cli";
import { tempDir } from "../testing/temp-dir";
import { validateText } from "../config";

const FILE = `import dlt
from dlt.sources.rest_api import rest_api_source

TOKEN = dlt.secrets.get("token")
AUTH = {"type": "bearer", "token": TOKEN}
source = rest_api_source({
    "client": {"base_url": "https://api.example.com/", "auth": AUTH if TOKEN else None},
    "resources": [{"name": "r", "endpoint": {"path": "a", "paginator": "single_page"}}],
})
`;

function project(secrets: string | null) {
  const { dir, write } = tempDir("conditional");
  write("pipeline.py", FILE);
  if (secrets !== null) write(".dlt/secrets.toml", secrets);
  return dir;
}

async function sent(dir: string, env: Record<string, string> = {}) {
  const auth: (string | null)[] = [];
  const fetch = async (req: Request) => {
    auth.push(req.headers.get("authorization"));
    return new Response(JSON.stringify([{ id: 1 }]), { status: 200, headers: { "content-type": "application/json" } });
  };
  const r = await cli(["run", "pipeline.py"], { cwd: dir, fetch, env });
  return { ...r, auth };
}

describe("a conditional over a setting, as dlt 1.26.0 decided it", () => {
  it.each([
    ["no token anywhere", null, {}],
    ['token = ""', 'token = ""\n', {}],
    ["token = 0", "token = 0\n", {}],
    ["token = false", "token = false\n", {}],
    ["TOKEN= in the environment", null, { TOKEN: "" }],
  ])("%s: the else branch, no Authorization sent", async (_, secrets, env) => {
    const r = await sent(project(secrets), env);
    expect(r.code).toBe(0);
    expect(r.auth).toEqual([null]);
    expect(r.stderr + r.stdout).toContain("the value it tests is false (none, or empty) in this run, so restplay reads the `else`");
  });

  it('token = "abc": the if branch, Bearer abc sent', async () => {
    const r = await sent(project('token = "abc"\n'));
    expect(r.code).toBe(0);
    expect(r.auth).toEqual(["Bearer abc"]);
    expect(r.stderr + r.stdout).toContain("the value it tests is true in this run, so restplay reads the `if` branch (`AUTH`)");
  });

  it("validate and check decide it the same way (no token: no auth to refuse)", async () => {
    const dir = project(null);
    const validated = await cli(["validate", "pipeline.py"], { cwd: dir });
    expect(validated.stdout + validated.stderr).not.toContain("invalid_type");
    expect(validated.code).toBe(0);
    const auth: (string | null)[] = [];
    const fetch = async (req: Request) => {
      auth.push(req.headers.get("authorization"));
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    };
    const checked = await cli(["check", "pipeline.py"], { cwd: dir, fetch });
    expect(checked.code).toBe(0);
    expect(auth).toEqual([null]);
  });

  it("is read as its if branch where no run's values are known (the playground, the downloads)", () => {
    const r = validateText(FILE, "python");
    expect(r.diagnostics.find((d) => d.code === "python_conditional")?.message).toContain("restplay reads the `if` branch (`AUTH`)");
    expect(r.value).toMatchObject({ client: { auth: { type: "bearer", token: { $secret: "token", $get: true } } } });
  });
});
