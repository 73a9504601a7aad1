/**
 * The contract every OCR engine (embedded ONNX or remote HTTP) fulfils.
 * Result shapes are the manual's per-image `result[]` elements (4.1, 4.2, 4.3).
 */
import type { ApiKind } from "../catalogue/apis";

export type { ApiKind };

export interface GeneralLine {
  name: string; // index as a string, "0", "1", ...
  text: string;
  box: [number, number, number, number, number, number, number, number]; // LT, RT, RB, LB (x,y) in original pixels
  confidence?: number;
}
export interface GeneralResult {
  text_line: number;
  detail: GeneralLine[];
}

export interface IdcardDetail {
  name: string;
  sex: string;
  nation: string;
  birthday: string;
  idn: string;
  addr: string;
  org: string;
  validperiod: string;
}
export interface IdcardResult {
  note: "front" | "back"; // front = 国徽面, back = 人像面 (as the manual says)
  detail: IdcardDetail;
  idcard_face: string; // base64 JPEG, or "no face"
  demo_image: string;
  risk: "normal" | "copy" | "screen";
  warnings?: string[];
}

export interface PlateItem {
  box: [[number, number], [number, number], [number, number], [number, number]];
  plate_type: "蓝牌" | "黄牌" | "绿牌" | "白牌" | "黑牌";
  plate_license: string;
  platelicense: string; // same value; the manual's example spells it so
  confidence: number;
}
export interface PlateResult {
  "number of plate licenses": number;
  detail: PlateItem[];
}

export type ResultFor<K extends ApiKind> = K extends "general"
  ? GeneralResult
  : K extends "idcard"
    ? IdcardResult
    : PlateResult;

/**
 * Why an engine refused an image. The gateway maps these to the manual's codes:
 * unsupported_format→4009, too_large→4010, bad_dimensions→4011, corrupt→4007,
 * no_idcard→4101, busy→5001 (whole request), internal→5000.
 */
export type EngineErrorKind =
  | "unsupported_format"
  | "too_large"
  | "bad_dimensions"
  | "corrupt"
  | "no_idcard"
  | "busy"
  | "internal";

/** Marks engine errors across copies of this module (see EngineError's instanceof). */
const ENGINE_ERROR = Symbol.for("ocr-cloud.engine-error");

export class EngineError extends Error {
  readonly [ENGINE_ERROR] = true;
  constructor(
    public readonly kind: EngineErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "EngineError";
  }

  /**
   * `instanceof EngineError` holds for an EngineError made by any copy of this class.
   * `next build` puts this module into several chunks (the instrumentation hook that runs
   * the job runner, each route), while the engine is one per process (getEngine, on
   * globalThis): an error the engine created in one chunk must still be recognised in
   * another, or a busy pool becomes 5000 instead of 5001 and a job image fails instead
   * of waiting.
   */
  static [Symbol.hasInstance](v: unknown): boolean {
    return typeof v === "object" && v !== null && (v as { [ENGINE_ERROR]?: unknown })[ENGINE_ERROR] === true;
  }
}

/** One engine-pool worker as /ops shows it (NATS pool only). */
export interface EngineWorkerStats {
  id: string;
  host: string;
  concurrency: number;
  queueDepth: number;
  running: number;
  imagesPerSecond: number;
  imagesDone: number;
  /** ISO time of its last heartbeat */
  lastSeen: string;
  /** no heartbeat for a while: presumed gone */
  stale: boolean;
}

export interface EngineStats {
  kind: "embedded" | "remote" | "nats";
  queueDepth: number;
  running: number;
  concurrency: number;
  busyRefusals: number;
  imagesDone: number;
  /** images per second over the last minute */
  imagesPerSecond: number;
  /** the pool's workers (NATS) */
  workers?: EngineWorkerStats[];
}

export interface RunOptions {
  /** whose job this is (the application id): the queue is shared fairly between owners */
  owner?: string;
}

export interface OcrEngine {
  /** Recognise one image (raw file bytes). Throws EngineError for a refused image. */
  run<K extends ApiKind>(kind: K, image: Buffer, opts?: RunOptions): Promise<ResultFor<K>>;
  stats(): EngineStats;
  /** Loads models (embedded) or pings (remote). */
  warm(): Promise<void>;
  close(): Promise<void>;
}
