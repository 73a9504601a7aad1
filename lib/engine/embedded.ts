/**
 * The embedded engine: ENGINE_CONCURRENCY worker threads (default 1), each with
 * its own copy of the models, behind a bounded FIFO queue. A request never
 * runs recognition on the caller's thread; when ENGINE_QUEUE (default 64, more
 * than one 50-image request) jobs are already waiting, run() fails at once
 * with EngineError("busy").
 */
import { Worker } from "node:worker_threads";
import { EngineError, type ApiKind, type EngineStats, type OcrEngine, type ResultFor } from "./types";
import { defaultThreads, engineConcurrency, modelsDir } from "./models";
import { ensureWorkerBundle } from "./worker-bundle";
import type { JobMessage, WorkerInit, WorkerReply } from "./protocol";

interface Job {
  id: number;
  kind: ApiKind;
  image: Buffer;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
}

export interface EmbeddedOptions {
  concurrency?: number;
  queueLimit?: number;
  /** onnxruntime threads per worker (default: cores / concurrency, or ENGINE_THREADS) */
  threads?: number;
}

export class EmbeddedEngine implements OcrEngine {
  private readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly threads: number;
  private readonly queue: Job[] = [];
  private slots: Slot[] = [];
  private starting: Promise<void> | null = null;
  private nextId = 1;
  private busyRefusals = 0;
  private imagesDone = 0;
  private doneTimes: number[] = [];
  private closed = false;

  constructor(opts: EmbeddedOptions = {}) {
    this.concurrency = opts.concurrency ?? engineConcurrency();
    this.queueLimit = opts.queueLimit ?? (Number(process.env.ENGINE_QUEUE) || 64);
    this.threads = opts.threads ?? (Number(process.env.ENGINE_THREADS) || defaultThreads(this.concurrency));
  }

  warm(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<void> {
    const file = await ensureWorkerBundle();
    await Promise.all(Array.from({ length: this.concurrency }, () => this.spawn(file)));
  }

  private spawn(file: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const init: WorkerInit = { threads: this.threads, modelsDir: modelsDir() };
      const worker = new Worker(file, { workerData: init });
      const slot: Slot = { worker, ready: false, job: null };
      this.slots.push(slot);
      worker.on("message", (m: WorkerReply) => {
        if (m.type === "ready") {
          slot.ready = true;
          resolve();
          this.pump();
        } else if (m.type === "fatal") {
          reject(new EngineError("internal", `engine worker failed to start: ${m.message}`));
          void worker.terminate();
        } else {
          const job = slot.job;
          slot.job = null;
          if (job && job.id === m.id) {
            this.markDone();
            if (m.type === "result") job.resolve(m.result);
            else job.reject(new EngineError(m.kind, m.message));
          }
          this.pump();
        }
      });
      worker.on("error", (e) => {
        if (!slot.ready) reject(new EngineError("internal", `engine worker failed: ${e.message}`));
      });
      worker.on("exit", () => {
        this.slots = this.slots.filter((s) => s !== slot);
        slot.job?.reject(new EngineError("internal", "engine worker exited during recognition"));
        slot.job = null;
        if (slot.ready && !this.closed) {
          // Replace a crashed worker; queued jobs wait for it.
          this.spawn(file).catch(() => this.failQueue("engine worker could not be restarted"));
        }
      });
    });
  }

  private failQueue(message: string): void {
    for (const job of this.queue.splice(0)) job.reject(new EngineError("internal", message));
  }

  private markDone(): void {
    this.imagesDone++;
    const now = Date.now();
    this.doneTimes.push(now);
    while (this.doneTimes.length && this.doneTimes[0] < now - 60_000) this.doneTimes.shift();
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      const image = new Uint8Array(job.image); // a copy we can transfer
      const msg: JobMessage = { id: job.id, kind: job.kind, image };
      slot.worker.postMessage(msg, [image.buffer]);
    }
  }

  run<K extends ApiKind>(kind: K, image: Buffer): Promise<ResultFor<K>> {
    if (this.closed) return Promise.reject(new EngineError("internal", "engine is closed"));
    if (this.queue.length >= this.queueLimit) {
      this.busyRefusals++;
      return Promise.reject(new EngineError("busy", `recognition queue is full (${this.queueLimit} waiting)`));
    }
    return new Promise<ResultFor<K>>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, kind, image, resolve: resolve as (v: unknown) => void, reject });
      this.warm().then(
        () => this.pump(),
        (e: Error) => this.failQueue(e.message),
      );
    });
  }

  stats(): EngineStats {
    const now = Date.now();
    const lastMinute = this.doneTimes.filter((t) => t >= now - 60_000).length;
    return {
      kind: "embedded",
      queueDepth: this.queue.length,
      running: this.slots.filter((s) => s.job).length,
      concurrency: this.concurrency,
      busyRefusals: this.busyRefusals,
      imagesDone: this.imagesDone,
      imagesPerSecond: Math.round((lastMinute / 60) * 100) / 100,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.failQueue("engine is closed");
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }
}
