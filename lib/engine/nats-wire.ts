/**
 * The engine pool's wire protocol over NATS, shared by the app (NatsEngine) and the
 * workers (serveNats). Subjects under one prefix (ENGINE_NATS_SUBJECT, default "ocr"):
 *
 *   <prefix>.engine.run              queue group "ocr-engine": NATS hands each image to one worker
 *   <prefix>.engine.worker.<id>      one worker directly (a retry goes to a different worker)
 *   <prefix>.engine.heartbeat        every worker's figures, every HEARTBEAT_MS
 *
 * A request carries the image bytes as its payload and `Ocr-Kind` in its headers. An
 * image too large for the server's max_payload travels through the JetStream object
 * store instead (bucket `<prefix>-engine-images`, entries expire after an hour): the
 * request then has an empty payload and `Ocr-Object: <name>`. Replies go to the
 * request's reply subject, each with `Ocr-Reply` and `Ocr-Worker`:
 *   ack     at once and every KEEPALIVE_MS while the image waits or runs (the app
 *           presumes a worker silent for longer than its idle limit dead and retries)
 *   result  JSON result (or `Ocr-Object` naming it in the store, when too large)
 *   error   JSON {kind, message}: an EngineError's kind survives the wire
 */
import type { EngineErrorKind } from "./types";
import { engineEnv } from "./options";

export const QUEUE_GROUP = "ocr-engine";
export const KEEPALIVE_MS = 1000;
export const HEARTBEAT_MS = 2000;
/** Room left in max_payload for headers and protocol overhead. */
export const PAYLOAD_HEADROOM = 16 * 1024;
export const OBJECT_TTL_MS = 60 * 60 * 1000;

export const H_KIND = "Ocr-Kind";
export const H_OBJECT = "Ocr-Object";
export const H_REPLY = "Ocr-Reply";
export const H_WORKER = "Ocr-Worker";
/** whose image this is (the application id), for the worker's fair queue */
export const H_OWNER = "Ocr-Owner";

export type ReplyType = "ack" | "result" | "error";

export const ERROR_KINDS: readonly EngineErrorKind[] = ["unsupported_format", "too_large", "bad_dimensions", "corrupt", "no_idcard", "busy", "internal"];

export function subjects(prefix: string) {
  const p = prefix.replace(/\.+$/, "");
  return {
    run: `${p}.engine.run`,
    worker: (id: string) => `${p}.engine.worker.${id}`,
    heartbeat: `${p}.engine.heartbeat`,
    bucket: `${p.replace(/[^A-Za-z0-9_-]/g, "_")}-engine-images`,
  };
}

export function defaultPrefix(): string {
  return engineEnv().natsSubject;
}

/** What a worker says about itself in each heartbeat; /ops shows one row per worker. */
export interface WorkerBeat {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  queueDepth: number;
  running: number;
  imagesDone: number;
  imagesPerSecond: number;
  busyRefusals: number;
  startedAt: string;
  /** true in the last beat of a worker that is shutting down */
  leaving?: boolean;
}
