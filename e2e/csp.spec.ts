/**
 * The pages run under a Content-Security-Policy without 'unsafe-inline' for scripts: every page
 * type (site, sign-in, console, 在线调试, charts, /ops) gets a fresh nonce in its policy, every
 * script in its HTML carries that nonce, it hydrates, and Chromium reports no violation.
 */
import { expect, test, type Page, type Response } from "@playwright/test";
import { login, seed } from "./helpers";

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

function watch(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error" && /Content.Security.Policy|Refused to (execute|load|apply)/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  return problems;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations!.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
});

/** Opens `path`, checks its policy, its scripts' nonces and hydration; returns the nonce. */
async function visit(page: Page, path: string, ready?: (page: Page) => Promise<void>): Promise<string> {
  const res = (await page.goto(path)) as Response;
  expect(res.status(), path).toBeLessThan(400);
  const csp = res.headers()["content-security-policy"] ?? "";
  const scriptSrc = csp.split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";
  expect(scriptSrc, `${path} script-src`).toMatch(/'nonce-[A-Za-z0-9+/=]{16,}'/);
  expect(scriptSrc, `${path} script-src`).toContain("'strict-dynamic'");
  expect(scriptSrc, `${path} script-src`).not.toContain("'unsafe-inline'");
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1]!;
  // every script the server wrote carries this response's nonce (chunks the loader adds later are
  // trusted through 'strict-dynamic' and carry none, so the HTML is checked, not the live DOM)
  const tags = (await res.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, path).toBeGreaterThan(0);
  for (const t of tags) expect(/\snonce="([^"]*)"/.exec(t)?.[1], `${path} ${t.slice(0, 100)}`).toBe(nonce);
  // hydrated: React owns the body (a blocked bootstrap leaves the server's HTML inert)
  await expect.poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__react"))), { message: `${path} hydrates` }).toBe(true);
  if (ready) await ready(page);
  expect(await page.evaluate(() => window.__cspViolations ?? []), `${path} violations`).toEqual([]);
  return nonce;
}

test("public pages: nonce policy, hydrated, no violation; the nonce changes per request", async ({ page }) => {
  const problems = watch(page);
  const first = await visit(page, "/");
  for (const p of ["/products", "/products/idcard", "/pricing", "/docs", "/docs/general", "/docs/jobs", "/faq", "/agreement", "/login", "/register", "/forgot-password"]) await visit(page, p);
  expect(await visit(page, "/")).not.toBe(first);
  // a copy button on the docs works (client code ran under the policy)
  await visit(page, "/docs/idcard");
  await expect(page.getByRole("button", { name: "复制 Python（MD5 Sign） 示例" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("console pages (charts, 在线调试, app page) and /ops: nonce policy, hydrated, no violation", async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watch(page);
  const s = seed();
  await login(page, s.customer.email, s.customer.password);
  await visit(page, "/console");
  await visit(page, "/console/apps");
  const appHref = await page.evaluate(() => [...document.querySelectorAll("a")].map((a) => a.getAttribute("href") ?? "").find((h) => /^\/console\/apps\/[^/?]+$/.test(h)));
  expect(appHref).toBeTruthy();
  await visit(page, appHref!);
  await visit(page, `${appHref}/calls`);
  await visit(page, "/console/monitor", async (p) => {
    await expect(p.locator(".recharts-wrapper").first()).toBeVisible();
  });
  await visit(page, "/console/playground", async (p) => {
    await expect(p.getByRole("heading", { name: "在线调试" })).toBeVisible();
    await p.getByLabel("应用").selectOption({ label: "演示应用OCR" }); // client state works
  });
  for (const p of ["/console/account", "/console/billing", "/console/orders", "/console/alerts"]) await visit(page, p);

  await page.context().clearCookies();
  await login(page, s.operator.email, s.operator.password);
  for (const p of ["/ops", "/ops/accounts", "/ops/apps", "/ops/prices", "/ops/audit"]) await visit(page, p);
  await visit(page, "/ops/usage", async (p) => {
    await expect(p.locator(".recharts-wrapper").first()).toBeVisible();
  });
  expect(problems).toEqual([]);
});

test("the APIs' responses carry a policy that allows nothing", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.headers()["content-security-policy"]).toContain("default-src 'none'");
  expect(res.headers()["x-frame-options"]).toBe("DENY");
});
