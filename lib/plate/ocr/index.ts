/**
 * Minimal PP-OCR primitives (decode, detect, recognise with CTC alternatives, direction).
 * Kept in lib/plate/ocr because lib/engine had not exported them when this was written.
 */
export * from "./image";
export { detectText, minAreaRect, rectQuad, type DetBox, type DetOptions } from "./det";
export { recognizeCrop, recognizeQuad, type RecResult, type CharChoices } from "./rec";
export { upsideDownProbability } from "./cls";
export { ocrLines, type OcrLine } from "./page";
