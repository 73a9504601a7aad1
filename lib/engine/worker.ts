/**
 * Worker thread entry (bundled by scripts/build-engine-worker.mjs): loads the
 * models once, warms them, then recognises one job at a time.
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadModels, type Models } from "./models";
import { runKind } from "./kinds";
import { ocrPage } from "./page";
import { EngineError } from "./types";
import type { JobMessage, WorkerInit, WorkerReply } from "./protocol";
import { warmupImage } from "./warmup";

const port = parentPort;
if (!port) throw new Error("lib/engine/worker.ts must run in a worker thread");
const init = workerData as WorkerInit;
const send = (m: WorkerReply) => port.postMessage(m);

async function start(): Promise<Models> {
  const models = await loadModels({ threads: init.threads, dir: init.modelsDir });
  await ocrPage(models, warmupImage());
  return models;
}

start().then(
  (models) => {
    port.on("message", async (job: JobMessage) => {
      try {
        const result = await runKind(models, job.kind, Buffer.from(job.image.buffer, job.image.byteOffset, job.image.byteLength));
        send({ type: "result", id: job.id, result });
      } catch (e) {
        const err = e instanceof EngineError ? e : new EngineError("internal", (e as Error)?.message ?? String(e));
        send({ type: "error", id: job.id, kind: err.kind, message: err.message });
      }
    });
    send({ type: "ready" });
  },
  (e: unknown) => send({ type: "fatal", message: (e as Error)?.message ?? String(e) }),
);
