/**
 * The remote engine: the same OcrEngine interface over HTTP to
 * `npm run engine` (scripts/engine-server.ts), selected by OCR_ENGINE_URL.
 * Protocol: POST /run {kind, image: base64} → 200 {result} | 4xx/5xx {error: {kind, message}};
 * GET /health, GET /stats → EngineStats.
 */
import { EngineError, type ApiKind, type EngineErrorKind, type EngineStats, type OcrEngine, type ResultFor } from "./types";
import { engineEnv } from "./options";

const KINDS: EngineErrorKind[] = ["unsupported_format", "too_large", "bad_dimensions", "corrupt", "no_idcard", "busy", "internal"];

export class RemoteEngine implements OcrEngine {
  private last: EngineStats;
  private busyRefusals = 0;
  private imagesDone = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMs = engineEnv().timeoutMs,
    /** OCR_ENGINE_TOKEN, sent as a bearer token (the engine server requires it off loopback) */
    private readonly token = engineEnv().engineToken,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, "");
    this.last = { kind: "remote", queueDepth: 0, running: 0, concurrency: 0, busyRefusals: 0, imagesDone: 0, imagesPerSecond: 0 };
  }

  private auth(): Record<string, string> {
    return this.token ? { authorization: `Bearer ${this.token}` } : {};
  }

  async run<K extends ApiKind>(kind: K, image: Buffer): Promise<ResultFor<K>> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/run`, {
        method: "POST",
        headers: { "content-type": "application/json", ...this.auth() },
        body: JSON.stringify({ kind, image: image.toString("base64") }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      throw new EngineError("internal", `engine server unreachable: ${(e as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as { result?: ResultFor<K>; error?: { kind?: string; message?: string } } | null;
    if (res.ok && body?.result) {
      this.imagesDone++;
      return body.result;
    }
    const kindOf = KINDS.find((k) => k === body?.error?.kind) ?? "internal";
    if (kindOf === "busy") this.busyRefusals++;
    throw new EngineError(kindOf, body?.error?.message ?? `engine server answered ${res.status}`);
  }

  /** The server's figures as last fetched (refreshed in the background), with this client's counts. */
  stats(): EngineStats {
    void this.refresh();
    return { ...this.last, kind: "remote", busyRefusals: this.last.busyRefusals + this.busyRefusals };
  }

  private async refresh(): Promise<void> {
    try {
      const res = await fetch(`${this.baseUrl}/stats`, { headers: this.auth(), signal: AbortSignal.timeout(2000) });
      if (res.ok) this.last = { ...((await res.json()) as EngineStats), kind: "remote" };
    } catch {
      /* keep the last figures */
    }
  }

  async warm(): Promise<void> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}/health`, { headers: this.auth(), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (e) {
      throw new EngineError("internal", `engine server unreachable: ${(e as Error).message}`);
    }
    if (!res.ok) throw new EngineError("internal", `engine server unhealthy (${res.status})`);
    await this.refresh();
  }

  async close(): Promise<void> {}
}
