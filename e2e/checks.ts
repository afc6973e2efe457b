/**
 * Checks every workbench state must pass (issue 10): axe-core finds no serious or critical violation;
 * no element is wider than the window or sticks out of it; every control can be reached and seen.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Page } from "@playwright/test";

/** Playwright runs from the project root (playwright.config.ts). */
const AXE_SOURCE = readFileSync(join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");

export interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: string[];
}

/** axe-core's violations of impact serious or critical (WCAG 2.x A/AA and best practices). */
export async function seriousAxeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => "axe" in window))) await page.addScriptTag({ content: AXE_SOURCE });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(" ")) }));
  });
}

export async function expectNoSeriousAxeViolations(page: Page, where: string): Promise<void> {
  expect(await seriousAxeViolations(page), `axe: serious or critical violations (${where})`).toEqual([]);
}

/**
 * No element reaches outside the window unless a scrolling or clipping box it sits in does not
 * (a wide table scrolls inside its panel: fine; a header wider than the window: not), and the page is
 * no taller than the window.
 */
export async function layoutOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > vw + 1)
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${vw} px window`);
    // Taller than the window: \`scrollIntoView\` and find-in-page scroll the whole app up, with no way back.
    const vh = document.documentElement.clientHeight;
    if (document.documentElement.scrollHeight > vh + 1)
      problems.push(`the page is ${document.documentElement.scrollHeight} px tall in a ${vh} px window`);
    const clippedByAncestor = (el: Element) => {
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== "visible") {
          const r = p.getBoundingClientRect();
          return r.left >= -1 && r.right <= vw + 1;
        }
      }
      return false;
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""} "${(el.textContent ?? "").trim().slice(0, 40)}"`;
    for (const el of document.querySelectorAll("body *")) {
      if (el.closest(".monaco-editor, .monaco-aria-container, [hidden], dialog:not([open])")) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const outside = r.width > vw + 1 || r.right > vw + 1 || r.left < -1;
      if (outside && !clippedByAncestor(el)) problems.push(`${name(el)}: ${Math.round(r.left)}…${Math.round(r.right)} px`);
      if (problems.length > 10) break;
    }
    return problems;
  });
}

/**
 * Every control on screen (not in a hidden tab, a collapsed panel or a CSS `display: none` box) can be brought into view —
 * by its scrolling container, as focus does — and is then inside the window, not zero-sized, and
 * not covered by something else.
 */
export async function unreachableControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const vw = document.documentElement.clientWidth;
    const vh = document.documentElement.clientHeight;
    const selector = "button, a[href], input:not([type=hidden]), select, textarea, [tabindex]:not([tabindex='-1'])";
    const problems: string[] = [];
    const controls = [...document.querySelectorAll<HTMLElement>(selector)].filter(
      (el) =>
        !el.closest("[hidden], dialog:not([open])") &&
        // Not displayed at this width (a responsive alternative: the header's ⋯ menu or its three buttons); not in the Tab order either.
        el.checkVisibility() &&
        !(el.closest(".monaco-editor") && !el.classList.contains("monaco-editor")) &&
        getComputedStyle(el).visibility !== "hidden",
    );
    for (const el of controls) {
      const label = `${el.tagName.toLowerCase()}${el.getAttribute("data-testid") ? `[data-testid=${el.getAttribute("data-testid")}]` : ""} "${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}"`;
      if (el.classList.contains("sr-only") || el.closest(".sr-only")) continue;
      // Content cut off by a box that does not scroll cannot be reached with a mouse.
      const r0 = el.getBoundingClientRect();
      let cut: string | null = null;
      for (let p = el.parentElement; p && p !== document.body && !cut; p = p.parentElement) {
        const cs = getComputedStyle(p);
        const pr = p.getBoundingClientRect();
        const outX = r0.right > pr.right + 1 || r0.left < pr.left - 1;
        const outY = r0.bottom > pr.bottom + 1 || r0.top < pr.top - 1;
        if (
          (outX && (cs.overflowX === "hidden" || cs.overflowX === "clip")) ||
          (outY && (cs.overflowY === "hidden" || cs.overflowY === "clip"))
        ) {
          cut = `${p.tagName.toLowerCase()}.${String(p.className).slice(0, 50)}`;
        }
        if (cs.overflowX === "auto" || cs.overflowX === "scroll" || cs.overflowY === "auto" || cs.overflowY === "scroll") break;
      }
      if (cut) {
        problems.push(`${label}: cut off by a box that does not scroll (${cut})`);
        continue;
      }
      el.scrollIntoView({ block: "nearest", inline: "nearest" });
      const r = el.getBoundingClientRect();
      if (r.width < 1 || r.height < 1) {
        problems.push(`${label}: ${Math.round(r.width)}×${Math.round(r.height)} px`);
        continue;
      }
      if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
        problems.push(
          `${label}: at ${Math.round(r.left)},${Math.round(r.top)}…${Math.round(r.right)},${Math.round(r.bottom)}, outside the ${vw}×${vh} window`,
        );
        continue;
      }
      const x = Math.min(vw - 1, Math.max(0, r.left + r.width / 2));
      const y = Math.min(vh - 1, Math.max(0, r.top + Math.min(r.height / 2, 8)));
      const hit = document.elementFromPoint(x, y);
      const label_ = el.closest("label");
      if (hit && !el.contains(hit) && !hit.contains(el) && !(label_ && label_.contains(hit)))
        problems.push(`${label}: covered by ${hit.tagName.toLowerCase()}.${String(hit.className).slice(0, 40)}`);
    }
    return problems;
  });
}

/** Both layout checks, with the state named in the failure. */
export async function expectLayoutSound(page: Page, where: string): Promise<void> {
  expect(await layoutOverflow(page), `elements outside the window (${where})`).toEqual([]);
  expect(await unreachableControls(page), `controls not reachable or not visible (${where})`).toEqual([]);
}

/**
 * Whether the focused element's ring is cut by a box that clips (a scrolling panel): the ring is the
 * element's box grown by its outline's offset and width; `null` when it is whole (or not drawn, or the
 * element is larger than the box).
 */
export async function focusRingCut(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el.closest(".monaco-editor")) return null;
    const cs = getComputedStyle(el);
    if (cs.outlineStyle === "none") return null;
    const grow = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth);
    const r = el.getBoundingClientRect();
    const ring = { left: r.left - grow, top: r.top - grow, right: r.right + grow, bottom: r.bottom + grow };
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const ps = getComputedStyle(p);
      const clipX = ps.overflowX !== "visible";
      const clipY = ps.overflowY !== "visible";
      if (!clipX && !clipY) continue;
      const b = p.getBoundingClientRect();
      // The padding box: inside the borders, without a scrollbar.
      const left = b.left + p.clientLeft;
      const top = b.top + p.clientTop;
      // A control bigger than the box cannot be whole; a pixel lost is not seen (a divider's ring at the window's edge).
      if ((clipX && r.width > p.clientWidth) || (clipY && r.height > p.clientHeight)) return null;
      const cut =
        (clipX && (ring.left < left - 1 || ring.right > left + p.clientWidth + 1)) ||
        (clipY && (ring.top < top - 1 || ring.bottom > top + p.clientHeight + 1));
      const name = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40);
      if (cut) return `${el.tagName.toLowerCase()} "${name}" cut by ${p.tagName.toLowerCase()}.${String(p.className).slice(0, 60)}`;
    }
    return null;
  });
}
