/**
 * An engine-pool worker over NATS:
 *
 *   npm run engine -- --nats nats://host:4222      (or ENGINE_NATS_URL)
 *
 * loads the embedded engine (ENGINE_CONCURRENCY, ENGINE_QUEUE, ENGINE_THREADS as for the
 * app) and joins the queue group of the recognition service under ENGINE_NATS_SUBJECT
 * (default "ocr"); ENGINE_HOST_LABEL names it in /ops (default: the host name). Start
 * as many as you like, on any machine; the app reaches them through NATS_URL.
 */
import { EmbeddedEngine } from "../lib/engine/embedded";
import { serveNats } from "../lib/engine/nats-worker";

export async function main(url: string): Promise<void> {
  const engine = new EmbeddedEngine();
  await engine.warm();
  const worker = await serveNats(engine, { url, host: process.env.ENGINE_HOST_LABEL || undefined });
  console.log(`ocr engine worker ${worker.id} joined ${url} (concurrency ${engine.stats().concurrency})`);
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.on(sig, () => {
      void worker
        .close()
        .then(() => engine.close())
        .finally(() => process.exit(0));
    });
  }
}
