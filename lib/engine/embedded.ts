/**
 * The embedded engine: ENGINE_CONCURRENCY worker threads (default 1), each with
 * its own copy of the models, behind a bounded queue shared fairly between owners
 * (applications, ./fair-queue.ts). A request never runs recognition on the caller's
 * thread; when ENGINE_QUEUE (default 64, more than one 50-image request) of an owner's
 * jobs are already waiting, or ENGINE_QUEUE_TOTAL (default 8 × ENGINE_QUEUE) in all,
 * run() fails at once with EngineError("busy").
 *
 * Every job has a time limit (ENGINE_JOB_TIMEOUT_MS, default 30 s, from when a worker
 * takes it): past it the job fails with EngineError("internal") — the gateway's 5000 for
 * that image — and its worker, which cannot be interrupted mid-inference, is terminated
 * and replaced.
 */
import { Worker } from "node:worker_threads";
import { EngineError, type ApiKind, type EngineStats, type OcrEngine, type ResultFor, type RunOptions } from "./types";
import { FairQueue } from "./fair-queue";
import { defaultThreads, engineConcurrency, modelsDir } from "./models";
import { ensureWorkerBundle } from "./worker-bundle";
import type { JobMessage, WorkerInit, WorkerReply } from "./protocol";
import { engineEnv } from "./options";

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
  timer: NodeJS.Timeout | null;
}

export interface EmbeddedOptions {
  concurrency?: number;
  queueLimit?: number;
  /** onnxruntime threads per worker (default: cores / concurrency, or ENGINE_THREADS) */
  threads?: number;
  /** waiting jobs allowed in all (default ENGINE_QUEUE_TOTAL, or 8 × queueLimit) */
  totalQueueLimit?: number;
  /** time limit of one job on a worker, ms (default ENGINE_JOB_TIMEOUT_MS, or 30 000) */
  jobTimeoutMs?: number;
  /** tests: the worker script to run instead of the bundled engine worker */
  workerFile?: string;
}

export class EmbeddedEngine implements OcrEngine {
  private readonly concurrency: number;
  private readonly queueLimit: number;
  private readonly threads: number;
  private readonly jobTimeoutMs: number;
  private readonly workerFile: string | undefined;
  private file: string | null = null;
  private readonly queue: FairQueue<Job>;
  private slots: Slot[] = [];
  private starting: Promise<void> | null = null;
  private nextId = 1;
  private busyRefusals = 0;
  private imagesDone = 0;
  private doneTimes: number[] = [];
  private closed = false;

  constructor(opts: EmbeddedOptions = {}) {
    this.concurrency = opts.concurrency ?? engineConcurrency();
    const env = engineEnv();
    this.queueLimit = opts.queueLimit ?? env.queueLimit;
    this.threads = opts.threads ?? env.threads ?? defaultThreads(this.concurrency);
    this.jobTimeoutMs = opts.jobTimeoutMs ?? env.jobTimeoutMs;
    this.workerFile = opts.workerFile;
    this.queue = new FairQueue(this.queueLimit, opts.totalQueueLimit ?? env.queueTotal ?? this.queueLimit * 8);
  }

  warm(): Promise<void> {
    this.starting ??= this.start();
    return this.starting;
  }

  private async start(): Promise<void> {
    const file = this.workerFile ?? (await ensureWorkerBundle());
    this.file = file;
    await Promise.all(Array.from({ length: this.concurrency }, () => this.spawn(file)));
  }

  private spawn(file: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const init: WorkerInit = { threads: this.threads, modelsDir: modelsDir() };
      const worker = new Worker(file, { workerData: init });
      const slot: Slot = { worker, ready: false, job: null, timer: null };
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
          if (slot.timer) clearTimeout(slot.timer);
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
        if (slot.timer) clearTimeout(slot.timer);
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
    for (const job of this.queue.drain()) job.reject(new EngineError("internal", message));
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
      slot.timer = setTimeout(() => this.timeOut(slot, job), this.jobTimeoutMs);
      const image = new Uint8Array(job.image); // a copy we can transfer
      const msg: JobMessage = { id: job.id, kind: job.kind, image };
      slot.worker.postMessage(msg, [image.buffer]);
    }
  }

  /** A job past its time limit fails; its worker is terminated (the exit handler replaces it). */
  private timeOut(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    slot.job = null;
    slot.timer = null;
    job.reject(new EngineError("internal", `recognition took longer than ${this.jobTimeoutMs} ms`));
    // Retire the slot at once (no job goes to a worker being terminated) and start its replacement.
    slot.ready = false;
    this.slots = this.slots.filter((s) => s !== slot);
    void slot.worker.terminate();
    if (this.file && !this.closed) this.spawn(this.file).catch(() => this.failQueue("engine worker could not be restarted"));
  }

  run<K extends ApiKind>(kind: K, image: Buffer, opts: RunOptions = {}): Promise<ResultFor<K>> {
    if (this.closed) return Promise.reject(new EngineError("internal", "engine is closed"));
    return new Promise<ResultFor<K>>((resolve, reject) => {
      const job: Job = { id: this.nextId++, kind, image, resolve: resolve as (v: unknown) => void, reject };
      if (!this.queue.push(opts.owner ?? "", job)) {
        this.busyRefusals++;
        return reject(new EngineError("busy", `recognition queue is full (${this.queueLimit} waiting for this application)`));
      }
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
