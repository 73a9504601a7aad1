/**
 * The HTTP side of `npm run engine` (scripts/engine-server.ts): the JSON protocol of
 * lib/engine/remote.ts, and the shared-token check (OCR_ENGINE_TOKEN) that keeps strangers
 * from running the engine. Without a token the server only listens on loopback.
 */
import crypto from "node:crypto";
import type http from "node:http";
import ipaddr from "ipaddr.js";
import { EngineError, type OcrEngine } from "./types";
import { API_KINDS } from "../catalogue/apis";

/** 50 images of 10 MB in base64, plus JSON: the largest single image is 10 MB → ~14 MB. */
const MAX_BODY = 16 * 1024 * 1024;

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

async function handleRun(engine: Pick<OcrEngine, "run">, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let parsed: { kind?: unknown; image?: unknown };
  try {
    parsed = JSON.parse((await readBody(req)).toString("utf8")) as typeof parsed;
  } catch (e) {
    if (e instanceof EngineError) return send(res, 413, { error: { kind: e.kind, message: e.message } });
    return send(res, 400, { error: { kind: "internal", message: "body must be JSON {kind, image}" } });
  }
  const kind = API_KINDS.find((k) => k === parsed.kind);
  if (!kind || typeof parsed.image !== "string") return send(res, 400, { error: { kind: "internal", message: "body must be JSON {kind, image}" } });
  try {
    const result = await engine.run(kind, Buffer.from(parsed.image, "base64"));
    send(res, 200, { result });
  } catch (e) {
    const err = e instanceof EngineError ? e : new EngineError("internal", (e as Error).message);
    send(res, statusFor(err), { error: { kind: err.kind, message: err.message } });
  }
}

/** Is `header` (an Authorization value) "Bearer <token>"? Constant-time. */
export function hasToken(header: string | undefined, token: string): boolean {
  const want = crypto.createHash("sha256").update(`Bearer ${token}`).digest();
  const got = crypto.createHash("sha256").update(header ?? "").digest();
  return crypto.timingSafeEqual(want, got);
}

/** Loopback addresses and names: a server bound there is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost") return true;
  return ipaddr.isValid(h) && ipaddr.process(h).range() === "loopback";
}

/** Why the engine server must not start with this address and token, or null. */
export function engineServerProblem(host: string, token: string | undefined): string | null {
  if (token && token.length < 16) return "OCR_ENGINE_TOKEN must be at least 16 characters (openssl rand -hex 24)";
  if (!token && !isLoopbackHost(host)) {
    return `refusing to listen on ${host} without OCR_ENGINE_TOKEN: anyone who can reach it could run the engine. Set OCR_ENGINE_TOKEN (the same value on the app's side) or bind ENGINE_HOST=127.0.0.1.`;
  }
  return null;
}

/**
 * The engine server's request handler. With `token`, every route but GET /health (for load
 * balancers) needs `Authorization: Bearer <token>` and answers 401 otherwise.
 */
export function engineRequestHandler(engine: Pick<OcrEngine, "run" | "stats">, opts: { token?: string; ready: () => boolean }) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
  const url = new URL(req.url ?? "/", "http://engine");
  if (req.method === "GET" && url.pathname === "/health") {
    send(res, opts.ready() ? 200 : 503, { status: opts.ready() ? "ok" : "loading" });
    return;
  }
  if (opts.token && !hasToken(req.headers.authorization, opts.token)) {
    send(res, 401, { error: { kind: "internal", message: "engine server: missing or wrong OCR_ENGINE_TOKEN" } });
    req.resume();
    return;
  }
  if (req.method === "POST" && url.pathname === "/run") {
    handleRun(engine, req, res).catch((e: unknown) => send(res, 500, { error: { kind: "internal", message: (e as Error).message } }));
  } else if (req.method === "GET" && url.pathname === "/stats") {
    send(res, 200, engine.stats());
  } else {
    send(res, 404, { error: { kind: "internal", message: "POST /run, GET /health, GET /stats" } });
  }
  };
}

