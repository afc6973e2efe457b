/**
 * Worker thread entry: validates config text off the request thread (issue #13, finding 2), so a
 * hostile body costs one worker its CPU budget instead of blocking every request. Answers with what
 * a run needs (lib/config's `CheckedConfig`), as structured-clone data.
 */
import { parentPort } from "node:worker_threads";
import { checkConfig } from "@/lib/config";
import type { ValidationRequest, ValidationReply } from "./validation-protocol";

const port = parentPort;
if (port) {
  port.on("message", (msg: ValidationRequest) => {
    let reply: ValidationReply;
    try {
      reply = { id: msg.id, kind: "checked", checked: checkConfig(msg.text, undefined, msg.refValues) };
    } catch (e) {
      // validateText never throws by contract; reaching this is a defect, reported as data.
      reply = { id: msg.id, kind: "failed", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ id: 0, kind: "ready" } satisfies ValidationReply);
}
