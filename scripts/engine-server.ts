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
 */
import http from "node:http";
import { EmbeddedEngine } from "../lib/engine/embedded";
import { EngineError, type ApiKind } from "../lib/engine/types";

const KINDS: ApiKind[] = ["general", "idcard", "plate"];
/** 50 images of 10 MB in base64, plus JSON: the largest single image is 10 MB → ~14 MB. */
const MAX_BODY = 16 * 1024 * 1024;

const engine = new EmbeddedEngine();
let ready = false;

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(json) });
  res.end(json);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new EngineError("too_large", "request body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function statusFor(e: EngineError): number {
  if (e.kind === "busy") return 503;
  if (e.kind === "internal") return 500;
  return 422;
}

async function handleRun(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let parsed: { kind?: unknown; image?: unknown };
  try {
    parsed = JSON.parse((await readBody(req)).toString("utf8")) as typeof parsed;
  } catch (e) {
    if (e instanceof EngineError) return send(res, 413, { error: { kind: e.kind, message: e.message } });
    return send(res, 400, { error: { kind: "internal", message: "body must be JSON {kind, image}" } });
  }
  const kind = KINDS.find((k) => k === parsed.kind);
  if (!kind || typeof parsed.image !== "string") return send(res, 400, { error: { kind: "internal", message: "body must be JSON {kind, image}" } });
  try {
    const result = await engine.run(kind, Buffer.from(parsed.image, "base64"));
    send(res, 200, { result });
  } catch (e) {
    const err = e instanceof EngineError ? e : new EngineError("internal", (e as Error).message);
    send(res, statusFor(err), { error: { kind: err.kind, message: err.message } });
  }
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://engine");
  if (req.method === "POST" && url.pathname === "/run") {
    handleRun(req, res).catch((e: unknown) => send(res, 500, { error: { kind: "internal", message: (e as Error).message } }));
  } else if (req.method === "GET" && url.pathname === "/health") {
    send(res, ready ? 200 : 503, { status: ready ? "ok" : "loading" });
  } else if (req.method === "GET" && url.pathname === "/stats") {
    send(res, 200, engine.stats());
  } else {
    send(res, 404, { error: { kind: "internal", message: "POST /run, GET /health, GET /stats" } });
  }
});

const port = Number(process.env.ENGINE_PORT) || 7071;
const host = process.env.ENGINE_HOST ?? "127.0.0.1";
server.listen(port, host, () => {
  console.log(`ocr engine listening on http://${host}:${port} (concurrency ${engine.stats().concurrency})`);
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
