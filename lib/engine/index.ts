/**
 * The OCR engine. Gateway code calls getEngine().run(kind, fileBytes); ID-card
 * and plate recognisers build on the primitives re-exported below.
 */
import type { OcrEngine } from "./types";
import { EmbeddedEngine } from "./embedded";
import { RemoteEngine } from "./remote";
import { NatsEngine } from "./nats";
import { engineEnv } from "./options";

export * from "./types";
export { EmbeddedEngine, type EmbeddedOptions } from "./embedded";
export { RemoteEngine } from "./remote";
export { NatsEngine, type NatsEngineOptions } from "./nats";
export { decodeImage, sniffFormat, type ImageFormat, type DecodeOptions } from "./decode";
export type { RgbImage, QuarterTurns } from "./image";
export { rotateImage, unrotatePoint } from "./image";
export type { Point, Quad } from "./geometry";
export { quadWidth, quadHeight, quadCenter, quadBox } from "./geometry";
export { loadModels, sharedModels, type Models } from "./models";
export { detectText, type DetectedBox, type DetectOptions } from "./detect";
export { cropQuad, warpQuad, flipStrip, REC_HEIGHT, type Strip } from "./crop";
export { recognizeStrips, classifyDirection, uprightStrips, type RecognizeOptions } from "./recognize";
export { charChoices, type CtcResult, type DecodedChar, type CharCandidate, type CharChoices } from "./ctc";
export { ocrPage, type PageLine, type OcrOptions } from "./page";
export { createPageContext, openPage, type PageContext, type QuadReading, type RecognizeQuadOptions } from "./context";
export { toGeneralResult } from "./general";
export { runKind } from "./kinds";
export { engineEnv, type EngineEnv } from "./options";

const KEY = Symbol.for("ocr-cloud.engine");
type Holder = { [KEY]?: OcrEngine };

/**
 * The process-wide engine (kept on globalThis so Next dev reloads keep the
 * loaded models): the NATS engine pool when NATS_URL is set, the HTTP engine server
 * when OCR_ENGINE_URL is set, embedded otherwise.
 */
export function getEngine(): OcrEngine {
  const g = globalThis as Holder;
  let engine = g[KEY];
  if (!engine) {
    const env = engineEnv();
    engine = env.natsUrl ? new NatsEngine({ url: env.natsUrl }) : env.engineUrl ? new RemoteEngine(env.engineUrl) : new EmbeddedEngine();
    g[KEY] = engine;
    // Load (or ping) at once so the first request does not pay for it; failures surface on run().
    engine.warm().catch(() => undefined);
  }
  return engine;
}

/** Forgets the process-wide engine (closing it); for tests and scripts. */
export async function resetEngine(): Promise<void> {
  const g = globalThis as Holder;
  const e = g[KEY];
  delete g[KEY];
  await e?.close();
}
