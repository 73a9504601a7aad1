/**
 * Next.js calls register() once per server process. The Node.js start-up (lib/boot/node.ts)
 * is imported inside the runtime check, so the Edge build leaves it out.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs") await (await import("./lib/boot/node")).bootNode();
}
