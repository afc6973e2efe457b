"use client";
import type { TraceItem } from "@/lib/run";

type RequestItem = Extract<TraceItem, { kind: "request" }>;

/** Header names and values (secrets already masked), as a definition list. */
export function HeaderList({ headers }: { headers: Readonly<Record<string, string>> }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-3 font-mono">
      {Object.entries(headers).map(([k, v]) => (
        <div key={k} className="contents">
          <dt className="text-muted">{k}</dt>
          <dd className="break-all">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function Headers({ title, headers }: { title: string; headers: Readonly<Record<string, string>> }) {
  return (
    <div>
      <h4 className="font-semibold">{title}</h4>
      {Object.keys(headers).length === 0 ? <p className="text-muted">none</p> : <HeaderList headers={headers} />}
    </div>
  );
}

/** The request (masked URL, headers, body) and the response (status, size, headers, pretty JSON). */
export function RequestDetails({ item, sizeText }: { item: RequestItem; sizeText: string }) {
  const r = item.response;
  return (
    <div className="mx-2 mb-1 ml-9 space-y-2 rounded border border-line bg-raised p-2 text-xs" data-testid="trace-details">
      <div>
        <h4 className="font-semibold">Request</h4>
        <p className="break-all font-mono">
          {item.method} {item.url}
        </p>
      </div>
      <Headers title="Request headers" headers={item.headers} />
      {item.body !== undefined && (
        <div>
          <h4 className="font-semibold">Request body</h4>
          <pre className="whitespace-pre-wrap break-all font-mono">{item.body}</pre>
        </div>
      )}
      {r ? (
        <>
          <p>
            <span className="font-semibold">Response:</span> status <span className="font-mono">{r.status}</span> · {sizeText} ·{" "}
            {r.duration_ms} ms
            {item.records !== undefined && item.selector !== undefined && (
              <>
                {" "}
                · {item.records} records from <code>{item.selector}</code> ({item.selector_source})
              </>
            )}
          </p>
          <Headers title="Response headers" headers={r.headers} />
          {r.body_preview !== undefined && (
            <details open>
              <summary className="cursor-pointer font-semibold">Response body{r.body_truncated ? " (truncated preview)" : ""}</summary>
              {/* It scrolls: a Tab stop, so the keyboard scrolls it in every browser (axe: scrollable-region-focusable). */}
              <pre
                className="focus-inset mt-1 max-h-64 overflow-auto rounded bg-surface p-2 font-mono"
                tabIndex={0}
                role="region"
                aria-label={`Response body, ${item.method} ${item.url}`}
                data-testid="trace-body"
              >
                {JSON.stringify(r.body_preview, null, 2)}
              </pre>
            </details>
          )}
        </>
      ) : (
        <p className={item.failure ? "text-error" : "text-muted"}>
          {item.failure ? `No response: ${item.failure}` : "Waiting for the response…"}
        </p>
      )}
    </div>
  );
}
