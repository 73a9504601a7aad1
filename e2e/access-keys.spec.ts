/** 账户 → AccessKey: create (password, SK shown once), list, disable, enable, delete after confirming, at most two. */
import { expect, test } from "@playwright/test";
import { registerNew } from "./helpers";

test.setTimeout(240_000); // four password checks (argon2) on a shared machine

test("a customer creates an AccessKey, sees the SK once, disables, enables and deletes it", async ({ page }) => {
  const password = "Passw0rd!x";
  await registerNew(page, password);
  await page.goto("/console/account#access-keys");
  const card = page.locator("#access-keys");
  await expect(card.getByText("还没有 AccessKey")).toBeVisible();

  await card.getByRole("button", { name: "创建 AccessKey" }).click();
  let dialog = page.getByRole("dialog", { name: "创建 AccessKey" });
  await dialog.getByLabel("登录密码").fill("wrong-password");
  await dialog.getByRole("button", { name: "创建", exact: true }).click();
  await expect(dialog.getByText("密码不正确")).toBeVisible();
  await dialog.getByLabel("登录密码").fill(password);
  await dialog.getByRole("button", { name: "创建", exact: true }).click();
  const sk = (await dialog.getByTestId("new-sk").textContent())!;
  const ak = (await dialog.getByTestId("new-ak").textContent())!;
  expect(sk).toMatch(/^[0-9a-f]{32}$/);
  await dialog.getByRole("button", { name: "我已保存" }).click();

  const table = page.getByRole("table", { name: "AccessKey" });
  await expect(table.getByTestId("access-key-ak")).toHaveText(ak);
  await expect(table).toContainText("从未使用");
  expect(await page.content()).not.toContain(sk);
  await page.reload();
  expect(await page.content()).not.toContain(sk);

  await table.getByRole("button", { name: "停用" }).click();
  await page.getByRole("dialog", { name: "停用 AccessKey" }).getByRole("button", { name: "确认停用" }).click();
  await expect(table).toContainText("已停用");
  await table.getByRole("button", { name: "启用" }).click();
  await page.getByRole("dialog", { name: "启用 AccessKey" }).getByRole("button", { name: "确认启用" }).click();
  await expect(table.getByText("启用", { exact: true })).toBeVisible();

  // a second pair, then the limit
  await card.getByRole("button", { name: "创建 AccessKey" }).click();
  dialog = page.getByRole("dialog", { name: "创建 AccessKey" });
  await dialog.getByLabel("登录密码").fill(password);
  await dialog.getByRole("button", { name: "创建", exact: true }).click();
  await dialog.getByRole("button", { name: "我已保存" }).click();
  await expect(table.getByTestId("access-key-ak")).toHaveCount(2);
  await expect(card.getByRole("button", { name: "创建 AccessKey" })).toBeDisabled();

  // delete asks first; 取消 keeps it
  await table.getByRole("button", { name: "删除" }).first().click();
  await page.getByRole("dialog", { name: "删除 AccessKey" }).getByRole("button", { name: "取消" }).click();
  await expect(table.getByTestId("access-key-ak")).toHaveCount(2);
  await table.getByRole("button", { name: "删除" }).first().click();
  await page.getByRole("dialog", { name: "删除 AccessKey" }).getByRole("button", { name: "确认删除" }).click();
  await expect(table.getByTestId("access-key-ak")).toHaveCount(1);
  await expect(table.getByTestId("access-key-ak")).not.toHaveText(ak);
});
