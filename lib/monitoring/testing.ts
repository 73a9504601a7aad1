/**
 * Test support: real signed open-API calls through the gateway's handler
 * (lib/gateway handleOpenApi) with a stand-in engine, at a chosen time.
 * Used by the monitoring and alerting integration tests; not imported by the app.
 */
import sharp from "sharp";
import type { Db } from "@/db";
import type { ApiKind, OcrEngine, ResultFor } from "@/lib/engine/types";
import { EngineError } from "@/lib/engine/types";
import { handleOpenApi, ROUTES, API_PREFIX } from "@/lib/gateway";
import { computeSign } from "@/lib/signature";

/** The engine refuses images whose first pixel row is this dark (to make failed images). */
export const fakeEngine: OcrEngine = {
  async run<K extends ApiKind>(kind: K, image: Buffer): Promise<ResultFor<K>> {
    const { data } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
    if ((data[0] ?? 255) < 10) throw new EngineError("corrupt", "unreadable");
    const results: { [A in ApiKind]: ResultFor<A> } = {
      general: { text_line: 0, detail: [] },
      idcard: {
        note: "front",
        detail: { name: "", sex: "", nation: "", birthday: "", idn: "", addr: "", org: "", validperiod: "" },
        idcard_face: "no face",
        demo_image: "",
        risk: "normal",
      },
      plate: { "number of plate licenses": 0, detail: [] },
    };
    return results[kind];
  },
  stats: () => ({ kind: "embedded", queueDepth: 0, running: 0, concurrency: 1, busyRefusals: 0, imagesDone: 0, imagesPerSecond: 0 }),
  warm: async () => {},
  close: async () => {},
};

let white: string | undefined;
let black: string | undefined;
export async function pngBase64(dark = false): Promise<string> {
  const make = (bg: string) => sharp({ create: { width: 48, height: 48, channels: 3, background: bg } }).png().toBuffer();
  if (dark) return (black ??= (await make("#000000")).toString("base64"));
  return (white ??= (await make("#ffffff")).toString("base64"));
}

export interface SignedCallInput {
  appKey: string;
  appSecret: string;
  serviceCode: string;
  api: ApiKind;
  /** images: true = readable, false = refused by the engine */
  images: boolean[];
  at: Date;
  /** sign with a wrong secret (→ 4014) */
  badSign?: boolean;
}

export async function signedCall(db: Db, c: SignedCallInput): Promise<{ status: number; requestId: string; body: { code: number } }> {
  const route = ROUTES.find((r) => r.api === c.api)!;
  const path = `${API_PREFIX}${c.serviceCode}/${route.suffix}`;
  const data = await Promise.all(c.images.map((ok) => pngBase64(!ok)));
  const body = JSON.stringify({ data });
  const timestamp = String(c.at.getTime());
  const sign = computeSign(c.appKey, c.badSign ? "wrong-secret" : c.appSecret, timestamp, path, body);
  const req = new Request(`http://127.0.0.1${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", AppKey: c.appKey, Timestamp: timestamp, Sign: sign },
    body,
  });
  const res = await handleOpenApi(req, { engine: fakeEngine, db, now: () => c.at });
  return { status: res.status, requestId: res.headers.get("x-request-id") ?? "", body: (await res.json()) as { code: number } };
}
