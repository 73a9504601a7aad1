/**
 * Standalone OCR engine server (JSON over HTTP) for OCR_ENGINE_URL.
 *
 *   npm run engine          (ENGINE_PORT, default 7071; ENGINE_HOST, default 127.0.0.1;
 *                            ENGINE_CONCURRENCY, ENGINE_QUEUE as for the embedded engine)
 *
 *   POST /run    {"kind": "general"|"idcard"|"plate", "image": "<base64>"}
 *                → 200 {"result": …} | 422 {"error": {kind, message}} (image refused)
 *                | 503 busy | 500 internal | 400 bad request
 *   GET  /health → {"status": "ok"} once the models are loaded (503 before)
 *   GET  /stats  → EngineStats
 *
 * OCR_ENGINE_TOKEN: every route but /health then needs `Authorization: Bearer <token>`
 * (the app sends it from the same variable). Without it the server refuses to listen
 * anywhere but loopback.
 */
import http from "node:http";
import { EmbeddedEngine } from "../lib/engine/embedded";
import { engineRequestHandler, engineServerProblem } from "../lib/engine/http-server";
import { engineEnv } from "../lib/engine/options";

const port = Number(process.env.ENGINE_PORT) || 7071;
const host = process.env.ENGINE_HOST ?? "127.0.0.1";
const token = engineEnv().engineToken;
const problem = engineServerProblem(host, token);
if (problem) {
  console.error(problem);
  process.exit(1);
}

const engine = new EmbeddedEngine();
let ready = false;

const server = http.createServer(engineRequestHandler(engine, { token, ready: () => ready }));
server.listen(port, host, () => {
  console.log(`ocr engine listening on http://${host}:${port} (concurrency ${engine.stats().concurrency}; ${token ? "OCR_ENGINE_TOKEN required" : "no token: loopback only"})`);
});
engine.warm().then(
  () => {
    ready = true;
    console.log("models loaded");
  },
  (e: unknown) => {
    console.error(`engine failed to start: ${(e as Error).message}`);
    process.exit(1);
  },
);

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    server.close();
    void engine.close().then(() => process.exit(0));
  });
}
