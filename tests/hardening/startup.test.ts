import { describe, expect, it } from "vitest";
import { demoSeedProblem } from "@/db/seed";
import { secretsProblem } from "@/lib/env";

const KEY = "a".repeat(43) + "=";

describe("a production start needs its secrets", () => {
  it("refuses NODE_ENV=production without AUTH_SECRET and APP_ENCRYPTION_KEY, naming them", () => {
    expect(secretsProblem({ NODE_ENV: "production" })).toMatch(/AUTH_SECRET and APP_ENCRYPTION_KEY/);
    expect(secretsProblem({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32) })).toMatch(/APP_ENCRYPTION_KEY/);
    expect(secretsProblem({ NODE_ENV: "production", AUTH_SECRET: "x".repeat(32), APP_ENCRYPTION_KEY: KEY })).toBeNull();
  });
  it("lets the demo and `next build` use local secrets", () => {
    expect(secretsProblem({ NODE_ENV: "production", DEMO: "1" })).toBeNull();
    expect(secretsProblem({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).toBeNull();
    expect(secretsProblem({ NODE_ENV: "development" })).toBeNull();
  });
  it("never generates the encryption key into .data/ for a lasting database", () => {
    expect(secretsProblem({ DATABASE_URL: "postgres://db.example.com/ocr" })).toMatch(/APP_ENCRYPTION_KEY/);
    expect(secretsProblem({ NODE_ENV: "development", DATABASE_URL: "postgres://10.0.0.5/ocr" })).toMatch(/APP_ENCRYPTION_KEY/);
    expect(secretsProblem({ DATABASE_URL: "postgres://db.example.com/ocr", APP_ENCRYPTION_KEY: KEY })).toBeNull();
    expect(secretsProblem({ NODE_ENV: "production", DATABASE_URL: "postgres://127.0.0.1/ocr", AUTH_SECRET: "x".repeat(32) })).toMatch(/APP_ENCRYPTION_KEY/);
    // a developer's or the tests' PostgreSQL on loopback, outside production
    expect(secretsProblem({ DATABASE_URL: "postgres://postgres@127.0.0.1:5432/ocr_test" })).toBeNull();
  });
});

describe("demo accounts exist only in the demo", () => {
  it("the seed refuses NODE_ENV=production unless DEMO=1", () => {
    expect(demoSeedProblem({ NODE_ENV: "production" })).toMatch(/DEMO=1/);
    expect(demoSeedProblem({ NODE_ENV: "production", DEMO: "1" })).toBeNull();
    expect(demoSeedProblem({ NODE_ENV: "development" })).toBeNull();
  });
});
