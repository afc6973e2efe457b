"use client";
/** One row of the grid, whole: every column's name, type and full value (a long value the grid cuts off, read from the keyboard). */
import { useId } from "react";
import { Modal, ModalHeader } from "../commands/Modal";
import { cellText } from "./cells";
import type { GridColumn } from "./grid-model";

export function RowDetails({
  label,
  position,
  columns,
  values,
  onClose,
}: {
  label: string;
  /** "row 3 of 250" */
  position: string;
  columns: readonly GridColumn[];
  values: readonly unknown[];
  onClose: () => void;
}) {
  const titleId = useId();
  return (
    <Modal open onClose={onClose} labelledBy={titleId} testId="row-details" wide>
      <ModalHeader id={titleId} autoFocusClose>
        {label}: {position}
      </ModalHeader>
      {/* A row of many columns scrolls: a Tab stop after Close, so the keyboard scrolls it in every browser (axe:
          scrollable-region-focusable). */}
      <div className="focus-inset max-h-[70vh] overflow-auto" tabIndex={0} role="region" aria-labelledby={titleId}>
        <dl className="px-4 py-2 text-xs">
          {columns.map((c, i) => {
            const value = values[i];
            const empty = value === null || value === undefined;
            return (
              <div key={c.id} className="grid grid-cols-[minmax(8rem,16rem)_1fr] gap-x-3 border-b border-line py-1 last:border-b-0">
                <dt className="break-all font-mono font-semibold text-fg">
                  {c.name}
                  <span className="block font-sans font-normal text-muted">{[c.type, ...c.marks].filter(Boolean).join(" · ")}</span>
                </dt>
                <dd className={`whitespace-pre-wrap break-all font-mono ${empty ? "italic text-muted" : "text-fg"}`}>{cellText(value)}</dd>
              </div>
            );
          })}
        </dl>
      </div>
    </Modal>
  );
}
