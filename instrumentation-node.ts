/** The Node server's start-up (./instrumentation.ts): V8 favours memory size unless RESTPLAY_OPTIMIZE_FOR_SIZE=0. */
import { setFlagsFromString } from "node:v8";

if (process.env.RESTPLAY_OPTIMIZE_FOR_SIZE !== "0") setFlagsFromString("--optimize-for-size");
