import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { login } from "./helpers";

interface Fixture {
  email: string;
  password: string;
  appId: string;
  appKey: string;
  appSecret: string;
  serviceCode: string;
  png: string;
}

function fixture(): Fixture {
  const out = execFileSync("npx", ["tsx", "e2e/monitor-fixture.ts"], { encoding: "utf8", env: process.env });
  return JSON.parse(out.trim().split("\n").pop()!) as Fixture;
}

/** A call signed as the manual says: Sign = MD5(AppKey + AppSecret + Timestamp + Path + Body). */
async function signedCall(request: APIRequestContext, f: Fixture, images: number, badSign = false): Promise<{ code: number }> {
  const path = `/v1/aiop/api/${f.serviceCode}/ocrdetect/ocr/v1/image.json`;
  const body = JSON.stringify({ data: new Array(images).fill(f.png) });
  const timestamp = String(Date.now());
  const sign = crypto
    .createHash("md5")
    .update(f.appKey + (badSign ? "not-the-secret" : f.appSecret) + timestamp + path + body)
    .digest("hex");
  const res = await request.post(path, { headers: { "content-type": "application/json", AppKey: f.appKey, Timestamp: timestamp, Sign: sign }, data: body });
  return (await res.json()) as { code: number };
}

test("calls show up in 应用监控; a used-up quota raises an alert that can be acknowledged", async ({ page, request }) => {
  test.setTimeout(180_000);
  const f = fixture();
  // 3 calls of quota: two single-image calls, one with two images (one paid, one refused 4019),
  // then a call refused for quota (4019) and one with a wrong Sign (4014)
  expect((await signedCall(request, f, 1)).code).toBe(0);
  expect((await signedCall(request, f, 1)).code).toBe(0);
  expect((await signedCall(request, f, 2)).code).toBe(0);
  expect((await signedCall(request, f, 1)).code).toBe(4019);
  expect((await signedCall(request, f, 1, true)).code).toBe(4014);

  await login(page, f.email, f.password);
  await page.goto(`/console/monitor?app=${f.appId}&range=1h`);
  await expect(page.getByRole("heading", { name: "应用监控" })).toBeVisible();
  await expect(page.getByTestId("total-calls")).toHaveText("5");
  await expect(page.getByTestId("total-failed")).toHaveText("2");
  await expect(page.getByTestId("total-images")).toHaveText("3");
  for (const id of ["chart-calls", "chart-latency", "chart-traffic"]) await expect(page.getByTestId(id).locator("svg.recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("chart-calls").locator(".recharts-bar-rectangle path").first()).toBeVisible();
  await expect(page.getByTestId("forecast")).toContainText("通用型OCR · 剩余 0 次");

  // the call log shows the refused call by its code
  await page.goto(`/console/apps/${f.appId}/calls?code=4014`);
  await expect(page.getByTestId("call-row")).toHaveCount(1);

  // the gateway's quota-exhausted hook raised the alert
  await page.goto("/console/alerts?status=未处理");
  const row = page.locator('[data-testid="alert-row"][data-kind="quota_exhausted"]');
  await expect(async () => {
    await page.reload();
    await expect(row).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 45_000 });
  await expect(row).toContainText("额度已用完");
  const badge = page.getByRole("navigation", { name: "控制台导航" }).getByRole("link", { name: /应用告警/ });
  await expect(badge).toContainText(/\d/);
  await row.getByRole("button", { name: "标为已处理" }).click();
  await expect(row.getByRole("button", { name: "标为已处理" })).toHaveCount(0);
  await page.goto("/console/alerts?status=已处理");
  await expect(page.locator('[data-testid="alert-row"][data-kind="quota_exhausted"]')).toContainText("已处理");
  // the badge counts what is still 未处理
  await page.goto("/console/alerts?status=未处理");
  await expect(page.locator('[data-testid="alert-row"][data-kind="quota_exhausted"]')).toHaveCount(0);
  const open = await page.getByTestId("alert-row").count();
  if (open === 0) await expect(badge).not.toContainText(/\d/);
  else await expect(badge).toContainText(String(open));

  // the console home shows the application at a glance
  await page.goto("/console");
  await expect(page.getByTestId("overview-row")).toContainText("监控测试应用");
  await expect(page.getByTestId("today-calls")).toHaveText("5");
});
