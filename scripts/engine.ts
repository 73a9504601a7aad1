/**
 * `npm run engine`: the HTTP engine server (scripts/engine-server.ts) by default, or an
 * engine-pool worker over NATS with `--nats <url>` or ENGINE_NATS_URL (scripts/engine-nats.ts).
 */
const i = process.argv.indexOf("--nats");
const natsUrl = i >= 0 ? process.argv[i + 1] : process.env.ENGINE_NATS_URL;

if (natsUrl) {
  const { main } = await import("./engine-nats");
  main(natsUrl).catch((e: unknown) => {
    console.error(`engine worker failed to start: ${(e as Error).message}`);
    process.exit(1);
  });
} else {
  await import("./engine-server");
}
export {};
