import { Fragment } from "react";
import { codeSpans } from "./code-spans";

/** Text whose `code` spans show as code (React text nodes only: no HTML is read from it). */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {codeSpans(text).map((part, i) =>
        part.code ? (
          <code key={i} className="rounded bg-raised px-0.5 font-mono text-[0.92em] text-fg">
            {part.text}
          </code>
        ) : (
          <Fragment key={i}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}
