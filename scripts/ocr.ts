/**
 * Recognises image files with the embedded engine and prints the manual's
 * whole response JSON. No database or server needed.
 *
 *   npm run ocr -- general a.jpg b.png      (kinds: general | idcard | plate)
 *   add --pretty for indented output.
 */
import fs from "node:fs";
import { EmbeddedEngine } from "../lib/engine/embedded";
import { runBatch } from "../lib/gateway/batch";
import { codeMessage } from "../lib/api/codes";
import { isApiKind } from "../lib/catalogue/apis";

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const pretty = args.includes("--pretty");
  const [kind, ...files] = args.filter((a) => a !== "--pretty");
  if (!isApiKind(kind) || files.length === 0) {
    process.stderr.write("usage: npm run ocr -- <general|idcard|plate> FILE... [--pretty]\n");
    return 2;
  }
  const engine = new EmbeddedEngine({ queueLimit: Math.max(64, files.length) });
  try {
    const images: (Buffer | null)[] = files.map((f) => {
      try {
        return fs.readFileSync(f);
      } catch (e) {
        process.stderr.write(`${f}: ${(e as Error).message}\n`);
        return null;
      }
    });
    const readable = images.filter((b): b is Buffer => b !== null);
    const response = await runBatch(engine, kind, readable);
    // An unreadable file is reported in place as a file-processing error (4007).
    let k = 0;
    const result = images.map((b) => (b ? response.result[k++] : { err_code: 4007 as const, err_msg: codeMessage(4007) }));
    const unreadable = images.length - readable.length;
    const out = { code: 0, message: { success: response.message.success, fail: response.message.fail + unreadable }, result };
    process.stdout.write(JSON.stringify(out, null, pretty ? 2 : undefined) + "\n");
    return 0;
  } finally {
    await engine.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    process.exit(1);
  },
);
