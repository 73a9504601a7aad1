/** Signed requests and stand-in engines for the open-API tests. */
import sharp from "sharp";
import { computeSign } from "@/lib/signature";
import type { ApiKind, EngineStats, OcrEngine, ResultFor } from "@/lib/engine/types";
import { pathTemplate } from "@/lib/gateway/routes";

export const ORIGIN = "http://gateway.test";

export interface SignOpts {
  appKey: string;
  secret: string;
  serviceCode: string;
  api: ApiKind;
  body: string | Uint8Array;
  /** request path (defaults to the manual's path for the API) */
  path?: string;
  /** path the Sign is computed over (defaults to `path`) */
  signPath?: string;
  timestamp?: string;
  method?: string;
  sign?: string;
}

export function apiPath(api: ApiKind, serviceCode: string): string {
  return pathTemplate(api).replace("{serviceCode}", serviceCode);
}

let lastTs = 0;
/** Now in ms, but never the same value twice, so identical requests get distinct Signs (not replays). */
export function uniqueTimestamp(): string {
  lastTs = Math.max(Date.now(), lastTs + 1);
  return String(lastTs);
}

export function signedRequest(o: SignOpts): Request {
  const path = o.path ?? apiPath(o.api, o.serviceCode);
  const timestamp = o.timestamp ?? uniqueTimestamp();
  const sign = o.sign ?? computeSign(o.appKey, o.secret, timestamp, o.signPath ?? path, o.body);
  const method = o.method ?? "POST";
  return new Request(ORIGIN + path, {
    method,
    headers: { "content-type": "application/json", AppKey: o.appKey, Timestamp: timestamp, Sign: sign },
    body: method === "GET" || method === "HEAD" ? undefined : typeof o.body === "string" ? o.body : new Uint8Array(o.body),
  });
}

export function imagesBody(images: (Buffer | string)[]): string {
  return JSON.stringify({ data: images.map((i) => (typeof i === "string" ? i : i.toString("base64"))) });
}

/** A real PNG of the given size. */
export function png(width = 64, height = 64): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: "#ffffff" } }).png().toBuffer();
}

const GENERAL: ResultFor<"general"> = { text_line: 1, detail: [{ name: "0", text: "测试", box: [0, 0, 10, 0, 10, 10, 0, 10] }] };

/** An engine that answers at once (general result for every kind), or as `run` says. */
export function standInEngine(run?: (kind: ApiKind, image: Buffer) => Promise<unknown>): OcrEngine {
  const stats: EngineStats = { kind: "embedded", queueDepth: 0, running: 0, concurrency: 1, busyRefusals: 0, imagesDone: 0, imagesPerSecond: 0 };
  return {
    run: (<K extends ApiKind>(kind: K, image: Buffer) => (run ? run(kind, image) : Promise.resolve(GENERAL))) as OcrEngine["run"],
    stats: () => stats,
    warm: async () => undefined,
    close: async () => undefined,
  };
}
