/** Next.js calls register() once per server process; background schedulers start here (Node runtime only). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { secretsProblem } = await import("./lib/env");
  const problem = secretsProblem();
  if (problem) {
    console.error(`\n${problem}\n`);
    process.exit(1);
  }
  if (process.env.DEMO === "1") console.warn("演示环境（DEMO=1）：含公开的演示账号，请勿用于生产。 This is a demo: its accounts are public.");
  // Before any request is served: record each request's socket peer (lib/net/client-address.ts).
  const [{ installPeerHeader }, http, https] = await Promise.all([
    import("./lib/net/client-address"),
    import("node:http"),
    import("node:https"),
  ]);
  installPeerHeader([http.Server.prototype, https.Server.prototype]);
  const { startOrderJobs } = await import("./lib/orders/jobs");
  startOrderJobs();
  (await import("./lib/alerts/jobs")).startAlertJobs();
  (await import("./lib/jobs/runner")).startJobRunner();
}
