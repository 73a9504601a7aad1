import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engineRequestHandler, engineServerProblem } from "./http-server";
import { RemoteEngine } from "./remote";
import type { EngineStats, OcrEngine } from "./types";

const TOKEN = "t0ken-for-the-engine-server";
const stats: EngineStats = { kind: "embedded", queueDepth: 0, running: 0, concurrency: 1, busyRefusals: 0, imagesDone: 0, imagesPerSecond: 0 };
let runs = 0;
const engine = {
  run: async () => {
    runs++;
    return { text_line: 0, detail: [] };
  },
  stats: () => stats,
} as unknown as Pick<OcrEngine, "run" | "stats">;

describe("the engine server refuses to start open to the network", () => {
  it("needs OCR_ENGINE_TOKEN unless bound to loopback", () => {
    expect(engineServerProblem("0.0.0.0", undefined)).toMatch(/OCR_ENGINE_TOKEN/);
    expect(engineServerProblem("10.0.0.5", undefined)).toMatch(/OCR_ENGINE_TOKEN/);
    expect(engineServerProblem("::", undefined)).toMatch(/OCR_ENGINE_TOKEN/);
    expect(engineServerProblem("127.0.0.1", undefined)).toBeNull();
    expect(engineServerProblem("::1", undefined)).toBeNull();
    expect(engineServerProblem("localhost", undefined)).toBeNull();
    expect(engineServerProblem("0.0.0.0", TOKEN)).toBeNull();
    expect(engineServerProblem("0.0.0.0", "short")).toMatch(/16/);
  });
});

describe("with a token, only callers that send it run the engine", () => {
  let server: http.Server;
  let base = "";
  beforeAll(async () => {
    server = http.createServer(engineRequestHandler(engine, { token: TOKEN, ready: () => true }));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("answers 401 without or with a wrong token and runs nothing", async () => {
    const body = JSON.stringify({ kind: "general", image: "aGVsbG8=" });
    expect((await fetch(`${base}/run`, { method: "POST", body })).status).toBe(401);
    expect((await fetch(`${base}/run`, { method: "POST", body, headers: { authorization: "Bearer nope" } })).status).toBe(401);
    expect((await fetch(`${base}/stats`)).status).toBe(401);
    expect(runs).toBe(0);
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it("the app's remote engine sends OCR_ENGINE_TOKEN and is served", async () => {
    const remote = new RemoteEngine(base, 5000, TOKEN);
    await expect(remote.run("general", Buffer.from("hello"))).resolves.toEqual({ text_line: 0, detail: [] });
    expect(runs).toBe(1);
    await expect(new RemoteEngine(base, 5000, undefined).run("general", Buffer.from("x"))).rejects.toThrow(/OCR_ENGINE_TOKEN/);
  });
});
