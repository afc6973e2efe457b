/** Shared between the inline before-paint script (layout) and the components that change these settings. */
export const THEME_STORAGE_KEY = "restplay:theme";

/**
 * Runs before first paint so the theme does not flash: the saved theme, else the system preference.
 * Must never throw. (The panel layout needs the window's width and is laid out on the client: see
 * workbench/Workbench.)
 */
export const BEFORE_PAINT_SCRIPT = `(function(){var r=document.documentElement;try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;r.classList.toggle("dark",d);}catch(e){}})();`;
