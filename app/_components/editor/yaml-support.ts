/**
 * YAML completion and hover from the JSON Schema, through monaco-yaml (STACK-NOTES P13).
 *
 * monaco-yaml 5.5.1 creates its worker with monaco's pre-0.56 `createWebWorker({moduleId, label,
 * createData})`; monaco 0.57 only takes `{worker, host}`. The shim below creates the worker through
 * our MonacoEnvironment (./monaco-env) and performs the handshake 0.56+ workers expect: a first
 * message that is ignored, then the create data.
 *
 * Validation stays ours: monaco-yaml's own schema markers are off (lib/config's diagnostics are the
 * single source, with codes, dlt wording and quick fixes) and so is its hover (ours in
 * ./language-help covers all three languages and links the dlt docs). monaco-yaml adds what we lack
 * for YAML: schema-driven completion of keys and enum values.
 */
import type * as Monaco from "monaco-editor";
import { configureMonacoYaml, type JSONSchema } from "monaco-yaml";

interface LegacyWorkerOptions {
  readonly moduleId?: string;
  readonly label?: string;
  readonly createData?: unknown;
  readonly host?: Monaco.editor.IInternalWebWorkerOptions["host"];
  readonly keepIdleModels?: boolean;
  readonly worker?: Worker | Promise<Worker>;
}

interface WorkerEnvironment {
  getWorker(moduleId: string, label: string): Worker;
}

function withLegacyWorkers(monaco: typeof Monaco): typeof Monaco {
  const createWebWorker = (options: LegacyWorkerOptions) => {
    if (options.worker)
      return monaco.editor.createWebWorker({ worker: options.worker, host: options.host, keepIdleModels: options.keepIdleModels });
    const environment = (globalThis as unknown as { MonacoEnvironment: WorkerEnvironment }).MonacoEnvironment;
    const worker = environment.getWorker(options.moduleId ?? "", options.label ?? "");
    worker.postMessage("ignore");
    worker.postMessage(options.createData);
    return monaco.editor.createWebWorker({ worker, host: options.host, keepIdleModels: options.keepIdleModels });
  };
  return { ...monaco, editor: { ...monaco.editor, createWebWorker } } as typeof Monaco;
}

export function configureYaml(monaco: typeof Monaco, schema: object, schemaUri: string, modelUri: string): Monaco.IDisposable {
  const yaml = configureMonacoYaml(withLegacyWorkers(monaco) as never, {
    enableSchemaRequest: false,
    validate: false,
    hover: false,
    completion: true,
    format: { enable: false },
    schemas: [{ uri: schemaUri, fileMatch: [modelUri, "**/rest_api_config"], schema: schema as JSONSchema }],
  });
  // monaco-yaml's types reach monaco through a deep path 0.57's exports map hides (P12), so its
  // IDisposable does not resolve; at runtime the instance has `dispose`.
  const disposable = yaml as unknown as Monaco.IDisposable;
  return { dispose: () => disposable.dispose() };
}
