/**
 * Where the worker script is. A path inside `next build` output is unreliable,
 * so the worker is bundled from the sources by esbuild into
 * node_modules/.cache/ocr-engine/worker.cjs (relative to process.cwd(), the
 * project root under next, tsx and vitest) and rebuilt when a source under
 * lib/ is newer. OCR_ENGINE_WORKER overrides the path (a prebuilt bundle).
 * Every fs call on these run-time paths carries `turbopackIgnore` so `next
 * build` does not trace the whole project into the server output.
 */
import fs from "node:fs";
import path from "node:path";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { engineEnv } from "./options";

const run = promisify(execFile);

export function workerBundlePath(): string {
  return engineEnv().workerBundle ?? path.join(process.cwd(), "node_modules", ".cache", "ocr-engine", "worker.cjs");
}

function newestSource(dir: string): number {
  let newest = 0;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(/* turbopackIgnore: true */ dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(e.name) && !/\.test\./.test(e.name)) newest = Math.max(newest, fs.statSync(/* turbopackIgnore: true */ p).mtimeMs);
  }
  return newest;
}

let building: Promise<string> | null = null;

/** The worker bundle's path, (re)building it first when missing or stale. */
export function ensureWorkerBundle(): Promise<string> {
  building ??= (async () => {
    const out = workerBundlePath();
    if (engineEnv().workerBundle) return out;
    const root = process.cwd();
    const builtAt = fs.existsSync(/* turbopackIgnore: true */ out) ? fs.statSync(/* turbopackIgnore: true */ out).mtimeMs : 0;
    const sources = newestSource(path.join(root, "lib"));
    if (builtAt === 0 || sources > builtAt) {
      const script = path.join(root, "scripts", "build-engine-worker.mjs");
      if (!fs.existsSync(/* turbopackIgnore: true */ script)) {
        if (builtAt) return out;
        throw new Error(`no worker bundle at ${out} and no ${script} to build it`);
      }
      await run(/* turbopackIgnore: true */ process.execPath, [script, out], { cwd: root });
    }
    return out;
  })();
  building.catch(() => (building = null));
  return building;
}
