"use client";
import { Modal, ModalHeader } from "./Modal";
import { shortcutLabel, SHORTCUTS, type Platform, type Shortcut } from "./shortcuts";

const WHERE: readonly Shortcut["where"][] = ["everywhere", "outside the editor", "in the editor", "on a divider", "in a table"];
const HEADING: Record<Shortcut["where"], string> = {
  everywhere: "Everywhere",
  "outside the editor": "Outside the editor",
  "in the editor": "In the editor (Monaco's own keys, untouched)",
  "on a divider": "On a divider between panels",
  "in a table": "In a table (the grid focused, or a column's edge)",
};

/** The `?` overlay: every shortcut, where it works, and whose it is. */
export function ShortcutsDialog({ open, onClose, platform }: { open: boolean; onClose: () => void; platform: Platform }) {
  return (
    <Modal open={open} onClose={onClose} labelledBy="shortcuts-title" testId="shortcuts-dialog">
      <div className="flex max-h-[85vh] flex-col">
        <ModalHeader id="shortcuts-title" autoFocusClose>
          Keyboard shortcuts
        </ModalHeader>
        {/* Focusable, so a list taller than the dialog scrolls with the arrow keys and Page Down (Tab from Close). */}
        <div className="overflow-auto px-4 py-3 text-sm" tabIndex={0} role="region" aria-label="The shortcuts" data-testid="shortcuts-list">
          {WHERE.map((where) => (
            <section key={where} className="mb-3" aria-labelledby={`shortcuts-${where.replaceAll(" ", "-")}`}>
              <h3 id={`shortcuts-${where.replaceAll(" ", "-")}`} className="mb-1 text-xs font-semibold uppercase tracking-wide text-muted">
                {HEADING[where]}
              </h3>
              <table className="w-full">
                <tbody>
                  {SHORTCUTS.filter((s) => s.where === where).map((s) => (
                    <tr key={s.id} className="border-t border-line first:border-t-0">
                      <td className="w-32 py-1 pr-3 align-top sm:w-44">
                        <kbd className="rounded border border-line bg-raised px-1.5 font-mono text-xs">{shortcutLabel(s.id, platform)}</kbd>
                      </td>
                      <td className="py-1">{s.description}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
          <p className="text-xs text-muted">Every action, with its shortcut, is also in the command palette.</p>
        </div>
      </div>
    </Modal>
  );
}
