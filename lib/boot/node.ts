/**
 * Server start-up in the Node.js runtime (instrumentation.ts imports this only there, so the
 * Edge bundle never sees process.exit or node:http): refuse to start with unsafe secrets,
 * record each request's socket peer, start the background schedulers.
 */
export async function bootNode(): Promise<void> {
  const { secretsProblem } = await import("../env");
  const problem = secretsProblem();
  if (problem) {
    console.error(`\n${problem}\n`);
    process.exit(1);
  }
  if (process.env.DEMO === "1") console.warn("演示环境（DEMO=1）：含公开的演示账号，请勿用于生产。 This is a demo: its accounts are public.");
  // Before any request is served: record each request's socket peer (lib/net/client-address.ts).
  const [{ installPeerHeader }, http, https] = await Promise.all([
    import("../net/client-address"),
    import("node:http"),
    import("node:https"),
  ]);
  installPeerHeader([http.Server.prototype, https.Server.prototype]);
  const { startOrderJobs } = await import("../orders/jobs");
  startOrderJobs();
  (await import("../alerts/jobs")).startAlertJobs();
  (await import("../jobs/runner")).startJobRunner();
}
