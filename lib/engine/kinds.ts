/**
 * Runs one image of a given API kind: decode, then general OCR here, ID cards
 * in lib/idcard (recognizeIdcard) and plates in lib/plate (recognizePlates).
 * Those modules are loaded lazily; until one exists the kind answers
 * EngineError("internal", "not implemented").
 */
import type { ApiKind, IdcardResult, PlateResult, ResultFor } from "./types";
import { EngineError } from "./types";
import type { Models } from "./models";
import { decodeImage } from "./decode";
import { createPageContext, type PageContext } from "./context";
import type { RgbImage } from "./image";
import { toGeneralResult } from "./general";

/** A kind's recogniser: the agreed (page, img) form, or a one-argument (img) form. */
type Recognizer<R> = ((page: PageContext, img: RgbImage) => Promise<R>) | ((img: RgbImage) => Promise<R>);

async function callRecognizer<R>(fn: Recognizer<R>, page: PageContext): Promise<R> {
  return fn.length >= 2 ? (fn as (p: PageContext, i: RgbImage) => Promise<R>)(page, page.image) : (fn as (i: RgbImage) => Promise<R>)(page.image);
}

async function loadIdcard(): Promise<Recognizer<IdcardResult>> {
  let mod: { recognizeIdcard?: Recognizer<IdcardResult> };
  try {
    // @ts-ignore -- lib/idcard/index.ts is written by another engineer and may not exist yet
    mod = await import("../idcard/index");
  } catch {
    throw new EngineError("internal", "not implemented");
  }
  if (typeof mod.recognizeIdcard !== "function") throw new EngineError("internal", "not implemented");
  return mod.recognizeIdcard;
}

async function loadPlate(): Promise<Recognizer<PlateResult>> {
  let mod: { recognizePlates?: Recognizer<PlateResult> };
  try {
    // @ts-ignore -- lib/plate/index.ts is written by another engineer and may not exist yet
    mod = await import("../plate/index");
  } catch {
    throw new EngineError("internal", "not implemented");
  }
  if (typeof mod.recognizePlates !== "function") throw new EngineError("internal", "not implemented");
  return mod.recognizePlates;
}

export async function runKind<K extends ApiKind>(models: Models, kind: K, file: Buffer): Promise<ResultFor<K>> {
  const img = await decodeImage(file);
  const page = createPageContext(models, img);
  try {
    if (kind === "general") return toGeneralResult(await page.lines()) as ResultFor<K>;
    if (kind === "idcard") return (await callRecognizer(await loadIdcard(), page)) as ResultFor<K>;
    if (kind === "plate") return (await callRecognizer(await loadPlate(), page)) as ResultFor<K>;
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError("internal", `recognition failed: ${(e as Error).message}`);
  }
  throw new EngineError("internal", `unknown kind ${String(kind)}`);
}
