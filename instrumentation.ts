/** Next.js calls register() once per server process; background schedulers start here (Node runtime only). */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startOrderJobs } = await import("./lib/orders/jobs");
  startOrderJobs();
  (await import("./lib/alerts/jobs")).startAlertJobs();
}
