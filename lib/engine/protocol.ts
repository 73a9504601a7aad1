/** Messages between the embedded engine and its worker threads. */
import type { ApiKind, EngineErrorKind } from "./types";

export interface WorkerInit {
  threads: number;
  modelsDir: string;
}
export interface JobMessage {
  id: number;
  kind: ApiKind;
  image: Uint8Array;
}
export type WorkerReply =
  | { type: "ready" }
  | { type: "fatal"; message: string }
  | { type: "result"; id: number; result: unknown }
  | { type: "error"; id: number; kind: EngineErrorKind; message: string };
