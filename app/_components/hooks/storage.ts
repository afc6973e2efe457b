/** localStorage that never throws (private mode, blocked storage, quota). Never used for secrets. */
export const STORAGE_KEYS = {
  document: "restplay:document",
} as const;

export function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Storage is a convenience: the playground works without it.
  }
}

export function removeStorage(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // As above: nothing to undo when storage is unavailable.
  }
}
