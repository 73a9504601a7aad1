/**
 * 调用限制 on an application's page, then a signed call through `next start`: the
 * allow-list names the address the server saw (the socket peer), not a spoofed
 * X-Forwarded-For, and QPS above the account's ceiling is refused with what was typed kept.
 * An operator sets an account's QPS ceiling in /ops 账号, and the owner's card follows it.
 */
import crypto from "node:crypto";
import { expect, test } from "@playwright/test";
import { login, registerNew, seed, signOut } from "./helpers";

const PASSWORD = "Passw0rd!x";
const SLOW = { timeout: 60_000 };
test.describe.configure({ timeout: 240_000 });

test("an owner sets QPS, a daily cap and an IP allow-list; a call from elsewhere gets 4027 naming its address", async ({ page, baseURL }) => {
  await registerNew(page, PASSWORD, SLOW);
  await page.goto("/console/apps?new=1");
  const dialog = page.getByRole("dialog", { name: "新建应用" });
  await dialog.getByLabel("应用名称").fill(`限制${Date.now() % 100000}`);
  await dialog.getByRole("button", { name: "确定" }).click();
  await dialog.getByRole("link", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: "我的能力" })).toBeVisible();

  const card = page.locator("#limits");
  await card.getByLabel("QPS（每秒请求数）").fill("11");
  await card.getByLabel("IP 白名单").fill("203.0.113.5\n300.1.1.1");
  await card.getByRole("button", { name: "保存调用限制" }).click();
  await expect(card.getByRole("alert").first()).toContainText("300.1.1.1");
  await expect(card.getByLabel("IP 白名单")).toHaveValue("203.0.113.5\n300.1.1.1");
  await card.getByLabel("IP 白名单").fill("203.0.113.5\n10.0.0.0/8");
  await card.getByRole("button", { name: "保存调用限制" }).click();
  await expect(card.getByRole("alert").first()).toContainText("QPS 不能超过账户上限 10");
  await expect(card.getByLabel("QPS（每秒请求数）")).toHaveValue("11");
  await card.getByLabel("QPS（每秒请求数）").fill("5");
  await card.getByLabel("通用型OCR").fill("100");
  await card.getByRole("button", { name: "保存调用限制" }).click();
  await expect(card.getByText("调用限制已保存")).toBeVisible();
  await page.reload();
  await expect(page.locator("#limits").getByLabel("IP 白名单")).toHaveValue("203.0.113.5\n10.0.0.0/8");
  await expect(page.locator("#limits").getByLabel("通用型OCR")).toHaveValue("100");

  // a signed call from this machine, claiming to come from the allowed address
  const appKey = (await page.getByTestId("app-key").textContent())!;
  const code = (await page.getByTestId("code-general").textContent())!;
  await page.getByRole("button", { name: "查看 AppSecret" }).click();
  const reveal = page.getByRole("dialog", { name: "验证登录密码" });
  await reveal.getByLabel("登录密码").fill(PASSWORD);
  await reveal.getByRole("button", { name: "验证并查看" }).click();
  const secret = (await page.getByTestId("app-secret").textContent())!;
  const path = `/v1/aiop/api/${code}/ocrdetect/ocr/v1/image.json`;
  const body = '{"data": ["iVBORw0KGgo="]}';
  const timestamp = String(Date.now());
  const sign = crypto.createHash("md5").update(appKey + secret + timestamp + path + body).digest("hex");
  const res = await page.request.post(baseURL + path, {
    headers: { "content-type": "application/json", AppKey: appKey, Timestamp: timestamp, Sign: sign, "X-Forwarded-For": "203.0.113.5" },
    data: body,
  });
  expect(res.status()).toBe(403);
  const json = (await res.json()) as { code: number; details: string };
  expect(json.code).toBe(4027);
  expect(json.details).toContain("127.0.0.1");
  expect(json.details).not.toContain("203.0.113.5");
});

test("an operator sets an account's QPS ceiling in /ops 账号; the owner's 调用限制 says it and refuses more", async ({ page }) => {
  const email = await registerNew(page, PASSWORD, SLOW);
  await page.goto("/console/apps?new=1");
  const dialog = page.getByRole("dialog", { name: "新建应用" });
  await dialog.getByLabel("应用名称").fill(`上限${Date.now() % 100000}`);
  await dialog.getByRole("button", { name: "确定" }).click();
  await dialog.getByRole("link", { name: "下一步" }).click();
  await expect(page.getByRole("heading", { name: "我的能力" })).toBeVisible();
  const appUrl = page.url();
  await expect(page.locator("#limits")).toContainText("账户上限 10");
  await signOut(page);

  const s = seed();
  await login(page, s.operator.email, s.operator.password, SLOW);
  await page.goto(`/ops/accounts?q=${encodeURIComponent(email)}`);
  await page.getByRole("button", { name: `设置 ${email} 的 QPS 上限` }).click();
  const set = page.getByRole("dialog", { name: "设置账户 QPS 上限" });
  await expect(set.getByLabel("QPS 上限（次/秒）")).toHaveValue("10");
  await set.getByLabel("QPS 上限（次/秒）").fill("25");
  await set.getByLabel("原因（记入操作审计）").fill("e2e 大客户扩容");
  await set.getByRole("button", { name: "保存 QPS 上限" }).click();
  await expect(set).toBeHidden();
  await expect(page.getByRole("status").filter({ hasText: "账户 QPS 上限已设为 25" })).toBeVisible();
  await page.goto("/ops/audit");
  await expect(page.getByRole("main")).toContainText("修改账户 QPS 上限");
  await signOut(page);

  await login(page, email, PASSWORD, SLOW);
  await page.goto(appUrl);
  const card = page.locator("#limits");
  await expect(card).toContainText("账户上限 25");
  await card.getByLabel("QPS（每秒请求数）").fill("26");
  await card.getByRole("button", { name: "保存调用限制" }).click();
  await expect(card.getByRole("alert").first()).toContainText("QPS 不能超过账户上限 25");
  await card.getByLabel("QPS（每秒请求数）").fill("25");
  await card.getByRole("button", { name: "保存调用限制" }).click();
  await expect(card.getByText("调用限制已保存")).toBeVisible();
});
