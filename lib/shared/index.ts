/** lib/shared: small pure helpers every other lib module may use (imports nothing from lib). */
export { PROTOTYPE_KEYS, isPrototypeKey, setOwn, getOwn } from "./objects";
