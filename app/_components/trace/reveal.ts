/**
 * Brings an element of the trace into sight in the trace's own scroller (never the page), below its
 * resource's sticky header. Nothing moves when it shows whole already.
 * - `top`: its top edge just below the header (the first error of a failed run).
 * - `nearest`: the least scrolling that shows it whole; one taller than the scroller starts at the top
 *   (a request row opened at the trace's bottom edge, whose details would open out of sight).
 * Outside a trace resource (a Problems row that grew when focused) there is no header to stay below.
 */
export function revealInTrace(el: HTMLElement | null | undefined, align: "top" | "nearest"): void {
  if (!el) return;
  let scroller = el.parentElement;
  while (scroller && !/(auto|scroll)/.test(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
  if (!scroller) return;
  const header = el.closest('[data-testid="trace-resource"]')?.querySelector("h3")?.offsetHeight ?? 0;
  const box = scroller.getBoundingClientRect();
  const at = el.getBoundingClientRect();
  const top = box.top + header;
  if (at.top >= top && at.bottom <= box.bottom) return;
  const toTop = at.top - top - 4;
  const toBottom = at.bottom - box.bottom + 4;
  const by = align === "top" || at.top < top ? toTop : Math.min(toTop, toBottom);
  scroller.scrollTop = Math.max(0, scroller.scrollTop + by);
}
