#!/usr/bin/env node
/**
 * Bundles lib/engine/worker.ts (and, when they exist, lib/idcard and lib/plate)
 * into one CommonJS file for worker_threads, so the worker runs the same in
 * `next start`, `next dev`, tsx scripts and vitest. npm packages stay external
 * and resolve from the project's node_modules.
 *
 *   node scripts/build-engine-worker.mjs [outfile]   (npm run engine:worker)
 *
 * The engine also runs this automatically when the bundle is missing or older
 * than the sources under lib/ (see lib/engine/worker-bundle.ts).
 */
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const root = process.cwd();
const outfile = path.resolve(root, process.argv[2] ?? "node_modules/.cache/ocr-engine/worker.cjs");

/** npm packages stay external; "@/…" and relative imports are bundled. */
const externals = {
  name: "externals",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith("@/") ? undefined : { path: args.path, external: true }));
  },
};

/** lib/idcard and lib/plate may not exist yet: resolve a missing one to an empty module. */
const optionalKinds = {
  name: "optional-kinds",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/(idcard|plate)\/index$/ }, (args) => {
      const base = path.resolve(args.resolveDir, args.path);
      for (const ext of [".ts", ".tsx", ".js", "/index.ts"]) if (fs.existsSync(base + ext)) return undefined;
      return { path: args.path, namespace: "missing-kind" };
    });
    b.onLoad({ filter: /.*/, namespace: "missing-kind" }, () => ({ contents: "export {};", loader: "js" }));
  },
};

const tmp = `${outfile}.${process.pid}.tmp`;
fs.mkdirSync(path.dirname(outfile), { recursive: true });
await build({
  entryPoints: [path.join(root, "lib/engine/worker.ts")],
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  outfile: tmp,
  tsconfig: path.join(root, "tsconfig.json"),
  plugins: [externals, optionalKinds],
  logLevel: "error",
  sourcemap: "inline",
});
fs.renameSync(tmp, outfile); // atomic: concurrent builders never expose a half-written file
console.log(`built ${path.relative(root, outfile)}`);
