/**
 * Issue #13 against the production server: while the worst hostile bodies (every shape of
 * lib/testing/hostile.ts, up to the 1 MB body limit) are posted to /api/run, an unrelated request is
 * sent every 20 ms. Figures: the slowest hostile body (answered or refused; budget 2 s) and the
 * slowest unrelated answer meanwhile (budget 100 ms).
 */
import { hostileInputs } from "../lib/testing/hostile";
import { withServer } from "./browser";
import { figure, probeUnrelated, type Figure } from "./figures";

export async function serverHostileFigures(): Promise<Figure[]> {
  return withServer(async (url) => {
    const post = (config: string) =>
      fetch(`${url}api/run`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ config, target: "mock" }),
      });
    // Warm the validation workers (a running server has them warm).
    await (await post('{"client": {"base_url": "https://api.example.com/"}, "resources": ["a"]}')).text();
    let worstBody = { ms: 0, name: "", status: 0 };
    let worstOther = { ms: 0, name: "" };
    const perInput: string[] = [];
    for (const input of hostileInputs()) {
      const probe = probeUnrelated(url);
      const t = performance.now();
      const res = await post(input.text);
      await res.arrayBuffer();
      const ms = performance.now() - t;
      const inputWorst = await probe.stop();
      if (inputWorst > worstOther.ms) worstOther = { ms: inputWorst, name: input.name };
      if (process.env.BENCH_VERBOSE) perInput.push(`${input.name}: body ${Math.round(ms)} ms, unrelated ${Math.round(inputWorst)} ms`);
      if (ms > worstBody.ms) worstBody = { ms, name: input.name, status: res.status };
    }
    if (perInput.length > 0) console.error(perInput.join("\n"));
    return [
      figure("server.hostile_body_worst", Math.round(worstBody.ms), "ms", 2000, { note: `${worstBody.name} → ${worstBody.status}` }),
      figure("server.unrelated_request_during_hostile_worst", Math.round(worstOther.ms), "ms", 100, { note: `during ${worstOther.name}` }),
    ];
  });
}
