/**
 * A WHATWG fetch as the engine's transport: MSW's mock fetch (lib/run's mock runs), the CLI's and
 * the tests' fakes. The request was built by ./request.ts; here it only becomes a `Request`, and the
 * `Response` a status, its `Headers` and the chunks of its body stream. lib/mocks knows nothing of it
 * (rule 4): the adapter is the engine's side of the contract (decision 0024).
 */
import { EngineError, type Transport, type TransportRequest, type TransportResponse } from "./types";

/** A fetch the engine can run on: it must hand redirects back (`redirect: "manual"`). */
export type FetchLike = (request: Request) => Promise<Response>;

/** A body's bytes as http.client encodes a str: Latin-1 (each code unit is a byte; the engine sends none past U+00FF). */
const latin1Bytes = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: text.length }, (_, i) => text.charCodeAt(i));

function toRequest(r: TransportRequest): Request {
  // dlt sends a body with GET (python-requests allows it), and so does the live transport (lib/net); fetch cannot.
  if (r.body !== undefined && r.method === "GET")
    throw new EngineError(
      "unsupported",
      "This GET request has a body, which dlt sends and restplay's live runs send too, but this run goes to fetch (the " +
        "built-in mock APIs), which cannot send a body with GET. " +
        'Run it against the live API, or use "method": "POST" if the API takes one.',
    );
  return new Request(r.url, {
    method: r.method,
    headers: r.headers,
    // Bytes, as http.client encodes a str (Latin-1; the engine's bodies are ASCII but a raw `data` str): a string would get a content type.
    ...(r.body !== undefined ? { body: latin1Bytes(r.body) } : {}),
    signal: r.signal,
    // The engine follows redirects itself (./redirect.ts): a fetch must hand them back.
    redirect: "manual",
  });
}

function fromResponse(res: Response): TransportResponse {
  const stream = res.body;
  let reader: ReadableStreamDefaultReader<Uint8Array> | null = null;
  const discard = () => {
    // Cancelled without waiting: a body that stalls on cancel must not stall the run.
    (reader ? reader.cancel() : stream?.cancel())?.catch(() => undefined);
  };
  const done = { done: true, value: undefined } as const;
  const body: AsyncIterable<Uint8Array> = {
    [Symbol.asyncIterator]: () => {
      reader = stream?.getReader() ?? null;
      return {
        next: async (): Promise<IteratorResult<Uint8Array>> => {
          if (!reader) return done;
          const r = await reader.read();
          return r.done ? done : { done: false, value: r.value };
        },
        return: async (): Promise<IteratorResult<Uint8Array>> => (discard(), done),
      };
    },
  };
  return { status: res.status, headers: res.headers, body, discard };
}

export function fetchTransport(fetch: FetchLike): Transport {
  return async (request) => fromResponse(await fetch(toRequest(request)));
}
