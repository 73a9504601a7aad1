import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** Migrates and seeds the e2e database once, and keeps the seed's JSON for the specs. */
export default function globalSetup() {
  const out = execFileSync("npx", ["tsx", "scripts/seed.ts", "--json"], { encoding: "utf8", env: process.env });
  const last = out.trim().split("\n").pop()!;
  fs.mkdirSync(path.join("test-results"), { recursive: true });
  fs.writeFileSync(path.join("test-results", "seed.json"), last);
}
