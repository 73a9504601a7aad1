// A stand-in for the engine's worker thread (lib/engine/worker.ts), same messages:
// image byte 0 = 1 → never answers (a hung inference); otherwise answers after
// image byte 1 × 10 ms with a general result naming image byte 2 (a job tag).
import { parentPort } from "node:worker_threads";

parentPort.on("message", (job) => {
  const img = job.image;
  if (img[0] === 1) return;
  setTimeout(() => parentPort.postMessage({ type: "result", id: job.id, result: { text_line: 0, detail: [], tag: img[2] } }), img[1] * 10);
});
parentPort.postMessage({ type: "ready" });
