/**
 * `next build` bundles lib/engine/types into several chunks while the engine is one per
 * process: an EngineError from one copy of the module must be recognised by another
 * (a busy pool is 5001 and a job image waits, instead of 5000 and a failed image).
 */
import { describe, expect, it, vi } from "vitest";
import { EngineError } from "./types";

describe("EngineError across copies of its module", () => {
  it("instanceof holds for an error made by another copy of the class, and only for engine errors", async () => {
    vi.resetModules();
    const copy = await import("./types");
    expect(copy.EngineError).not.toBe(EngineError); // a second module instance, as in another chunk
    const fromCopy = new copy.EngineError("busy", "every worker is busy");
    expect(fromCopy instanceof EngineError).toBe(true);
    expect(new EngineError("corrupt", "x") instanceof copy.EngineError).toBe(true);
    expect(new Error("busy") instanceof EngineError).toBe(false);
    expect(Object.assign(new Error("x"), { name: "EngineError", kind: "busy" }) instanceof EngineError).toBe(false);
    expect(EngineError[Symbol.hasInstance](null)).toBe(false);
  });
});
