/**
 * The ONE place Monaco's web workers are created (ARCHITECTURE rule 8, STACK-NOTES §4 / P11).
 * Imported before `monaco-editor`: under Turbopack the editor worker must be created through an
 * explicit `new Worker(new URL(...))` so the bundler emits it as a worker chunk.
 */
import type { Environment } from "monaco-editor";

const environment: Environment = {
  getWorker(_moduleId: string, label: string): Worker {
    if (label === "json") {
      return new Worker(new URL("monaco-editor/language/json/json.worker.js", import.meta.url), { type: "module", name: label });
    }
    if (label === "yaml") {
      return new Worker(new URL("monaco-yaml/yaml.worker.js", import.meta.url), { type: "module", name: label });
    }
    return new Worker(new URL("monaco-editor/editor/editor.worker.js", import.meta.url), { type: "module", name: label });
  },
};

(globalThis as unknown as { MonacoEnvironment: Environment }).MonacoEnvironment = environment;

export {};
