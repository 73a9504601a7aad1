import { defineConfig, devices } from "@playwright/test";

/**
 * e2e journeys in Debian's Chromium (never a downloaded browser).
 * By default the suite builds nothing itself: scripts/test.sh runs `next build` first and
 * this config starts `next start` on E2E_PORT. Set E2E_BASE_URL to test an already running
 * server (for example `next dev` while developing).
 */
// The journeys sign in with the seed's demo accounts and run on local secrets (lib/env.ts).
process.env.DEMO ??= "1";
// every journey registers from 127.0.0.1: lift the per-address registration limit for them
process.env.REGISTRATIONS_PER_HOUR ??= "1000";
const port = Number(process.env.E2E_PORT ?? 3100);
const external = process.env.E2E_BASE_URL;
const baseURL = external ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 800 } } }],
  webServer: external
    ? undefined
    : {
        command: `npx next start -p ${port} -H 127.0.0.1`,
        url: `${baseURL}/api/health`,
        timeout: 120_000,
        reuseExistingServer: false,
        stdout: "ignore",
        stderr: "pipe",
      },
});
