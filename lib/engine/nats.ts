/**
 * The engine pool: the same OcrEngine interface over NATS (selected by NATS_URL).
 * Each image is one request to the queue group of `npm run engine -- --nats …`
 * workers, wherever they run; NATS spreads the requests over the connected workers.
 * Protocol in ./nats-wire.ts.
 *
 * Failure rules:
 * - a worker that falls silent (no ack for idleMs: killed, hung, network gone) or
 *   passes the time limit, and a worker that answers "busy", cost one retry on a
 *   different live worker (addressed directly); a second failure is the answer;
 * - no worker connected, or every worker busy → EngineError("busy") → the gateway's
 *   5001 with Retry-After;
 * - the caller's owner (the application) travels with the image, so each worker's queue
 *   is shared fairly between applications as the embedded engine's is;
 * - an image refused by the engine (corrupt, unsupported, …) is not retried and keeps
 *   its kind across the wire.
 * Charging happens in the gateway after the result is in hand, so a retry never
 * charges twice; a late answer from the abandoned worker is ignored.
 */
import { hostname } from "node:os";
import { engineEnv } from "./options";
import { connect, createInbox, headers, nanos, type Msg, type NatsConnection } from "@nats-io/transport-node";
import { Objm, StorageType, type ObjectStore } from "@nats-io/obj";
import { EngineError, type ApiKind, type EngineErrorKind, type EngineStats, type EngineWorkerStats, type OcrEngine, type ResultFor, type RunOptions } from "./types";
import {
  ERROR_KINDS,
  H_KIND,
  H_OBJECT,
  H_OWNER,
  H_REPLY,
  H_WORKER,
  HEARTBEAT_MS,
  KEEPALIVE_MS,
  OBJECT_TTL_MS,
  PAYLOAD_HEADROOM,
  defaultPrefix,
  subjects,
  type WorkerBeat,
} from "./nats-wire";

export interface NatsEngineOptions {
  url: string;
  /** subject prefix shared with the workers (ENGINE_NATS_SUBJECT, default "ocr") */
  prefix?: string;
  /** a worker silent this long is presumed dead (ENGINE_NATS_IDLE_MS, default 5 × keepalive) */
  idleMs?: number;
  /** time limit for one image on one worker (OCR_ENGINE_TIMEOUT_MS, default 60 s) */
  timeoutMs?: number;
  /** a worker without a heartbeat for this long is stale (default 3 heartbeats) */
  staleMs?: number;
}

interface Pending {
  worker: string | null;
  timer: NodeJS.Timeout | null;
  deadline: NodeJS.Timeout;
  resolve: (m: Msg) => void;
  reject: (e: Error) => void;
}

/** Why one attempt failed in a way another worker might not. */
class AttemptFailed extends Error {
  constructor(
    public readonly reason: "silent" | "timeout" | "busy" | "no_workers",
    public readonly worker: string | null,
    message: string,
  ) {
    super(message);
  }
}

export class NatsEngine implements OcrEngine {
  private readonly url: string;
  private readonly subj: ReturnType<typeof subjects>;
  private readonly idleMs: number;
  private readonly timeoutMs: number;
  private readonly staleMs: number;
  private conn: Promise<NatsConnection> | null = null;
  private store: Promise<ObjectStore> | null = null;
  private inboxPrefix = "";
  private readonly pending = new Map<string, Pending>();
  private readonly beats = new Map<string, { beat: WorkerBeat; at: number }>();
  private busyRefusals = 0;
  private retries = 0;
  private seq = 0;
  private closed = false;

  constructor(opts: NatsEngineOptions) {
    this.url = opts.url;
    this.subj = subjects(opts.prefix ?? defaultPrefix());
    this.idleMs = opts.idleMs ?? engineEnv().natsIdleMs ?? 5 * KEEPALIVE_MS;
    this.timeoutMs = opts.timeoutMs ?? engineEnv().timeoutMs;
    this.staleMs = opts.staleMs ?? 3 * HEARTBEAT_MS;
  }

  private connection(): Promise<NatsConnection> {
    if (this.closed) return Promise.reject(new EngineError("internal", "engine is closed"));
    this.conn ??= this.open().catch((e: unknown) => {
      this.conn = null;
      throw new EngineError("busy", `engine pool unreachable (${(e as Error).message})`);
    });
    return this.conn;
  }

  private async open(): Promise<NatsConnection> {
    const nc = await connect({ servers: this.url, name: `ocr-app@${hostname()}:${process.pid}`, maxReconnectAttempts: -1 });
    this.inboxPrefix = createInbox();
    nc.subscribe(`${this.inboxPrefix}.*`, { callback: (err, m) => (err ? undefined : this.onReply(m)) });
    nc.subscribe(this.subj.heartbeat, { callback: (err, m) => (err ? undefined : this.onBeat(m)) });
    return nc;
  }

  private onBeat(m: Msg): void {
    try {
      const beat = m.json<WorkerBeat>();
      if (typeof beat?.id !== "string") return;
      if (beat.leaving) this.beats.delete(beat.id);
      else this.beats.set(beat.id, { beat, at: Date.now() });
    } catch {
      /* not a heartbeat */
    }
  }

  private onReply(m: Msg): void {
    const token = m.subject.slice(this.inboxPrefix.length + 1);
    const p = this.pending.get(token);
    if (!p) return; // a late answer to an abandoned attempt
    if (m.headers?.hasError && m.headers.code === 503) {
      this.settle(token);
      p.reject(new AttemptFailed("no_workers", null, "no engine worker is connected"));
      return;
    }
    p.worker = m.headers?.get(H_WORKER) || p.worker;
    if (m.headers?.get(H_REPLY) === "ack") {
      this.armIdle(token, p);
      return;
    }
    this.settle(token);
    p.resolve(m);
  }

  private armIdle(token: string, p: Pending): void {
    if (p.timer) clearTimeout(p.timer);
    p.timer = setTimeout(() => {
      this.settle(token);
      p.reject(new AttemptFailed("silent", p.worker, `engine worker ${p.worker ?? "?"} fell silent for ${this.idleMs} ms`));
    }, this.idleMs);
  }

  private settle(token: string): void {
    const p = this.pending.get(token);
    if (!p) return;
    this.pending.delete(token);
    if (p.timer) clearTimeout(p.timer);
    clearTimeout(p.deadline);
  }

  private objects(nc: NatsConnection): Promise<ObjectStore> {
    this.store ??= new Objm(nc).create(this.subj.bucket, { ttl: nanos(OBJECT_TTL_MS), storage: StorageType.Memory }).catch((e: unknown) => {
      this.store = null;
      throw new EngineError("internal", `engine pool object store unavailable: ${(e as Error).message}`);
    });
    return this.store;
  }

  /** The largest image sent inline; larger ones go through the object store. */
  private inlineLimit(nc: NatsConnection): number {
    return (nc.info?.max_payload ?? 1024 * 1024) - PAYLOAD_HEADROOM;
  }

  /** Live workers, least loaded first, except the given one. */
  private liveWorkers(except: string | null): string[] {
    const now = Date.now();
    return [...this.beats.values()]
      .filter((w) => w.beat.id !== except && now - w.at <= this.staleMs)
      .sort((a, b) => a.beat.queueDepth + a.beat.running - (b.beat.queueDepth + b.beat.running))
      .map((w) => w.beat.id);
  }

  private attempt(nc: NatsConnection, subject: string, kind: ApiKind, image: Buffer, objectName: string | null, owner: string | undefined): Promise<Msg> {
    const token = String(++this.seq);
    const h = headers();
    h.set(H_KIND, kind);
    if (objectName) h.set(H_OBJECT, objectName);
    if (owner) h.set(H_OWNER, owner); // the worker's queue is shared fairly between owners
    return new Promise<Msg>((resolve, reject) => {
      const p: Pending = {
        worker: null,
        timer: null,
        deadline: setTimeout(() => {
          this.settle(token);
          reject(new AttemptFailed("timeout", p.worker, `engine worker ${p.worker ?? "?"} took longer than ${this.timeoutMs} ms`));
        }, this.timeoutMs),
        resolve,
        reject,
      };
      this.pending.set(token, p);
      this.armIdle(token, p);
      try {
        nc.publish(subject, objectName ? new Uint8Array(0) : image, { reply: `${this.inboxPrefix}.${token}`, headers: h });
      } catch (e) {
        this.settle(token);
        reject(new EngineError("busy", `engine pool unreachable (${(e as Error).message})`));
      }
    });
  }

  private async decode<K extends ApiKind>(nc: NatsConnection, m: Msg): Promise<ResultFor<K>> {
    const ref = m.headers?.get(H_OBJECT);
    let data: Uint8Array = m.data;
    if (ref) {
      const os = await this.objects(nc);
      const blob = await os.getBlob(ref);
      void os.delete(ref).catch(() => undefined);
      if (!blob) throw new EngineError("internal", "engine result expired from the object store");
      data = blob;
    }
    const body = JSON.parse(Buffer.from(data).toString("utf8")) as unknown;
    if (m.headers?.get(H_REPLY) === "error") {
      const err = body as { kind?: string; message?: string };
      const kindOf: EngineErrorKind = ERROR_KINDS.find((k) => k === err.kind) ?? "internal";
      throw new EngineError(kindOf, err.message ?? "engine worker refused the image");
    }
    return body as ResultFor<K>;
  }

  async run<K extends ApiKind>(kind: K, image: Buffer, opts?: RunOptions): Promise<ResultFor<K>> {
    const nc = await this.connection();
    let objectName: string | null = null;
    if (image.length > this.inlineLimit(nc)) {
      const os = await this.objects(nc);
      objectName = `img-${process.pid}-${Date.now().toString(36)}-${++this.seq}`;
      await os.putBlob({ name: objectName }, image);
    }
    try {
      let target: string | null = null; // a worker addressed directly, on retry
      let retried = false;
      for (;;) {
        let m: Msg;
        try {
          m = await this.attempt(nc, target ? this.subj.worker(target) : this.subj.run, kind, image, objectName, opts?.owner);
        } catch (e) {
          if (!(e instanceof AttemptFailed)) throw e;
          if (e.reason === "no_workers" && target) {
            // The worker chosen for the retry has gone too: let the queue group pick.
            this.beats.delete(target);
            target = null;
            continue;
          }
          if (e.worker && e.reason === "silent") this.beats.delete(e.worker); // presumed dead until it beats again
          if (!retried && e.reason !== "no_workers") {
            retried = true;
            this.retries++;
            target = this.liveWorkers(e.worker)[0] ?? null;
            continue;
          }
          this.busyRefusals++;
          throw new EngineError(e.reason === "silent" ? "internal" : "busy", e.message);
        }
        try {
          return await this.decode<K>(nc, m);
        } catch (e) {
          const busy = e instanceof EngineError && e.kind === "busy";
          if (busy && !retried) {
            retried = true;
            this.retries++;
            target = this.liveWorkers(m.headers?.get(H_WORKER) || null)[0] ?? null;
            continue;
          }
          if (busy) this.busyRefusals++;
          throw e;
        }
      }
    } finally {
      if (objectName) void this.objects(nc).then((os) => os.delete(objectName!)).catch(() => undefined);
    }
  }

  /** The pool's figures, summed over the workers heard from recently, and one row per worker. */
  stats(): EngineStats {
    if (!this.conn) void this.connection().catch(() => undefined);
    const now = Date.now();
    const workers: EngineWorkerStats[] = [...this.beats.values()]
      .filter((w) => now - w.at <= 10 * this.staleMs)
      .map(({ beat, at }) => ({
        id: beat.id,
        host: beat.host,
        concurrency: beat.concurrency,
        queueDepth: beat.queueDepth,
        running: beat.running,
        imagesPerSecond: beat.imagesPerSecond,
        imagesDone: beat.imagesDone,
        lastSeen: new Date(at).toISOString(),
        stale: now - at > this.staleMs,
      }))
      .sort((a, b) => a.host.localeCompare(b.host) || a.id.localeCompare(b.id));
    const live = workers.filter((w) => !w.stale);
    const sum = (f: (w: EngineWorkerStats) => number) => live.reduce((s, w) => s + f(w), 0);
    return {
      kind: "nats",
      queueDepth: sum((w) => w.queueDepth),
      running: sum((w) => w.running),
      concurrency: sum((w) => w.concurrency),
      busyRefusals: this.busyRefusals + live.reduce((s, w) => s + (this.beats.get(w.id)?.beat.busyRefusals ?? 0), 0),
      imagesDone: sum((w) => w.imagesDone),
      imagesPerSecond: Math.round(sum((w) => w.imagesPerSecond) * 100) / 100,
      workers,
    };
  }

  /** Retries made so far (a worker fell silent, timed out or was busy). */
  retryCount(): number {
    return this.retries;
  }

  /** Connects and waits up to a heartbeat for a first worker (none is not an error: they may join later). */
  async warm(): Promise<void> {
    await this.connection();
    for (let waited = 0; this.beats.size === 0 && waited < HEARTBEAT_MS + 500; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const [token, p] of this.pending) {
      this.settle(token);
      p.reject(new EngineError("internal", "engine is closed"));
    }
    const nc = await this.conn?.catch(() => null);
    await nc?.drain().catch(() => undefined);
  }
}
