import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export interface Seed {
  customer: { email: string; password: string };
  operator: { email: string; password: string };
  app: { appKey: string; appSecret: string; serviceCodes: { general: string; idcard: string; plate: string } };
}

export function seed(): Seed {
  return JSON.parse(fs.readFileSync(path.join("test-results", "seed.json"), "utf8"));
}

/** How long to wait for /console after submitting: argon2 on a busy shared machine can be slow. */
export interface AuthWait {
  timeout?: number;
}

export async function login(page: Page, email: string, password: string, wait: AuthWait = {}): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL(/\/console/, wait);
}

/** Registers a brand-new customer through the UI and leaves them signed in. */
export async function registerNew(page: Page, password = "Passw0rd!x", wait: AuthWait = {}): Promise<string> {
  const email = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@test.local`;
  await page.goto("/register");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("确认密码").fill(password);
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/console/, wait);
  return email;
}
