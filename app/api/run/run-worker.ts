/**
 * Worker thread entry: runs the route's runs off the request thread (decision 0040), so parsing and
 * walking responses (pages up to the response limit) never blocks another request of the server.
 */
import { parentPort } from "node:worker_threads";
import { serveRuns } from "./run-serve";

if (parentPort) serveRuns(parentPort);
