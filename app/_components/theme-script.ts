/** Shared between the inline before-paint script (layout) and the components that change these settings. */
export const THEME_STORAGE_KEY = "restplay:theme";
export const SPLIT_STORAGE_KEY = "restplay:split";
export const SPLIT_CSS_VAR = "--restplay-split";
export const SPLIT_DEFAULT = 44;
export const SPLIT_MIN = 20;
export const SPLIT_MAX = 75;

/**
 * Runs before first paint so neither the theme nor the saved pane split flashes or jumps: the saved
 * theme, else the system preference; the saved split as a CSS variable. Must never throw.
 */
export const BEFORE_PAINT_SCRIPT = `(function(){var r=document.documentElement;try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});var d=t?t==="dark":window.matchMedia("(prefers-color-scheme: dark)").matches;r.classList.toggle("dark",d);}catch(e){}try{var s=Number(localStorage.getItem(${JSON.stringify(SPLIT_STORAGE_KEY)}));if(s>=${SPLIT_MIN}&&s<=${SPLIT_MAX})r.style.setProperty(${JSON.stringify(SPLIT_CSS_VAR)},s+"%");}catch(e){}})();`;
