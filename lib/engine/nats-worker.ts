/**
 * An engine-pool worker: serves an OcrEngine (the embedded one in `npm run engine --
 * --nats …`, a stand-in in tests) to the app over NATS. It joins the queue group of
 * the run subject, answers its own direct subject (retries), acknowledges each image
 * at once and every KEEPALIVE_MS until it answers, and publishes a heartbeat with its
 * figures every HEARTBEAT_MS. Protocol in ./nats-wire.ts.
 */
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { connect, headers, nanos, type Msg, type NatsConnection } from "@nats-io/transport-node";
import { Objm, StorageType, type ObjectStore } from "@nats-io/obj";
import { EngineError, type OcrEngine } from "./types";
import { API_KINDS } from "../catalogue/apis";
import {
  H_KIND,
  H_OWNER,
  H_OBJECT,
  H_REPLY,
  H_WORKER,
  HEARTBEAT_MS,
  KEEPALIVE_MS,
  OBJECT_TTL_MS,
  PAYLOAD_HEADROOM,
  QUEUE_GROUP,
  defaultPrefix,
  subjects,
  type ReplyType,
  type WorkerBeat,
} from "./nats-wire";


export interface NatsWorkerOptions {
  url: string;
  prefix?: string;
  /** shown in /ops (default: this machine's host name) */
  host?: string;
}

export interface NatsWorker {
  id: string;
  /** Stops taking images, finishes the ones in hand (waiting up to graceMs, default 60 s), says goodbye, disconnects. */
  close(graceMs?: number): Promise<void>;
  /** Drops the connection at once, as a killed process would (tests). */
  kill(): Promise<void>;
}

export async function serveNats(engine: OcrEngine, opts: NatsWorkerOptions): Promise<NatsWorker> {
  const subj = subjects(opts.prefix ?? defaultPrefix());
  const host = opts.host ?? hostname();
  const id = `${host.replace(/[^A-Za-z0-9_-]/g, "_")}-${process.pid}-${randomBytes(3).toString("hex")}`;
  const startedAt = new Date().toISOString();
  const nc: NatsConnection = await connect({ servers: opts.url, name: `ocr-engine ${id}`, maxReconnectAttempts: -1 });
  let store: Promise<ObjectStore> | null = null;
  const objects = () => (store ??= new Objm(nc).create(subj.bucket, { ttl: nanos(OBJECT_TTL_MS), storage: StorageType.Memory }));
  const inFlight = new Set<Promise<void>>();

  function reply(m: Msg, type: ReplyType, data: Uint8Array = new Uint8Array(0), object?: string): void {
    if (!m.reply || nc.isClosed()) return;
    const h = headers();
    h.set(H_REPLY, type);
    h.set(H_WORKER, id);
    if (object) h.set(H_OBJECT, object);
    nc.publish(m.reply, data, { headers: h });
  }

  async function handle(m: Msg): Promise<void> {
    reply(m, "ack");
    const keepalive = setInterval(() => reply(m, "ack"), KEEPALIVE_MS);
    try {
      const kind = API_KINDS.find((k) => k === m.headers?.get(H_KIND));
      if (!kind) throw new EngineError("internal", "request without a valid Ocr-Kind header");
      const ref = m.headers?.get(H_OBJECT);
      let image: Uint8Array = m.data;
      if (ref) {
        const blob = await (await objects()).getBlob(ref);
        if (!blob) throw new EngineError("internal", "image expired from the object store");
        image = blob;
      }
      const owner = m.headers?.get(H_OWNER) || undefined;
      const result = await engine.run(kind, Buffer.from(image.buffer, image.byteOffset, image.byteLength), { owner });
      const data = Buffer.from(JSON.stringify(result));
      if (data.length > (nc.info?.max_payload ?? 1024 * 1024) - PAYLOAD_HEADROOM) {
        const name = `res-${id}-${randomBytes(6).toString("hex")}`;
        await (await objects()).putBlob({ name }, data);
        reply(m, "result", new Uint8Array(0), name);
      } else reply(m, "result", data);
    } catch (e) {
      const err = e instanceof EngineError ? e : new EngineError("internal", (e as Error).message);
      reply(m, "error", Buffer.from(JSON.stringify({ kind: err.kind, message: err.message })));
    } finally {
      clearInterval(keepalive);
    }
  }

  const onMsg = (err: Error | null, m: Msg) => {
    if (err) return;
    const p = handle(m).finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  const subs = [nc.subscribe(subj.run, { queue: QUEUE_GROUP, callback: onMsg }), nc.subscribe(subj.worker(id), { callback: onMsg })];

  function beat(leaving = false): void {
    if (nc.isClosed()) return;
    const s = engine.stats();
    const b: WorkerBeat = {
      id,
      host,
      pid: process.pid,
      concurrency: s.concurrency,
      queueDepth: s.queueDepth,
      running: s.running,
      imagesDone: s.imagesDone,
      imagesPerSecond: s.imagesPerSecond,
      busyRefusals: s.busyRefusals,
      startedAt,
      ...(leaving ? { leaving: true } : {}),
    };
    nc.publish(subj.heartbeat, JSON.stringify(b));
  }
  beat();
  const timer = setInterval(beat, HEARTBEAT_MS);
  await nc.flush();

  return {
    id,
    async close(graceMs = 60_000) {
      clearInterval(timer);
      if (nc.isClosed()) return;
      for (const s of subs) s.unsubscribe();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...inFlight]), new Promise((r) => (grace = setTimeout(r, graceMs)))]);
      clearTimeout(grace);
      beat(true);
      await nc.drain().catch(() => undefined);
    },
    async kill() {
      clearInterval(timer);
      await nc.close().catch(() => undefined);
    },
  };
}
