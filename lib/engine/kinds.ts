/**
 * Runs one image of a given API kind (inside an engine worker thread): decode,
 * then general OCR here, ID cards in lib/idcard (recognizeIdcard) and plates in
 * lib/plate (recognizePlates), all on one page context bound to the worker's models.
 */
import type { ApiKind, IdcardResult, PlateResult, ResultFor } from "./types";
import { EngineError } from "./types";
import type { Models } from "./models";
import { decodeImage } from "./decode";
import { createPageContext, type PageContext } from "./context";
import { toGeneralResult } from "./general";

/** A kind's recogniser: works on the page context (decoded image, the worker's models). */
type Recognizer<R> = (page: PageContext) => Promise<R>;

// lib/idcard and lib/plate are loaded on first use so a general-only process never loads them.
async function loadIdcard(): Promise<Recognizer<IdcardResult>> {
  const mod = await import("../idcard/index");
  return mod.recognizeIdcard;
}

async function loadPlate(): Promise<Recognizer<PlateResult>> {
  const mod = await import("../plate/index");
  return mod.recognizePlates;
}

export async function runKind<K extends ApiKind>(models: Models, kind: K, file: Buffer): Promise<ResultFor<K>> {
  const img = await decodeImage(file);
  const page = createPageContext(models, img);
  try {
    if (kind === "general") return toGeneralResult(await page.lines()) as ResultFor<K>;
    if (kind === "idcard") return (await (await loadIdcard())(page)) as ResultFor<K>;
    if (kind === "plate") return (await (await loadPlate())(page)) as ResultFor<K>;
  } catch (e) {
    if (e instanceof EngineError) throw e;
    throw new EngineError("internal", `recognition failed: ${(e as Error).message}`);
  }
  throw new EngineError("internal", `unknown kind ${String(kind)}`);
}
