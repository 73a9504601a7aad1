import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, type Page } from "@playwright/test";

export interface Seed {
  customer: { email: string; password: string };
  operator: { email: string; password: string };
  app: { appKey: string; appSecret: string; serviceCodes: { general: string; idcard: string; plate: string } };
  accessKey: { ak: string; sk: string };
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
  await page.getByLabel(/我已阅读并同意/).check();
  await page.getByRole("button", { name: "注册" }).click();
  await expect(page).toHaveURL(/\/console/, wait);
  return email;
}

/** A valid 18-digit ID number (GB 11643 check digit) unique to this run: birth date and sequence vary. */
export function uniqueIdNumber(): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, "0");
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, "0");
  const year = 1960 + Math.floor(Math.random() * 40);
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, "0");
  const s17 = `110105${year}${month}${day}${seq}`;
  const c = (12 - (s17.split("").reduce((n, d, i) => n + Number(d) * w[i]!, 0) % 11)) % 11;
  return s17 + (c === 10 ? "X" : String(c));
}

/**
 * The interpreter for Python clients: the first of $PYTHON, `python3` on PATH and Debian's
 * /usr/bin/python3 that can `import requests` (on a fresh Debian machine `python3` on PATH
 * may be a pyenv build without requests, while apt's python3-requests serves /usr/bin/python3).
 */
const PYTHON_CANDIDATES = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => !!p);
let python: string | undefined;

export function pythonWithRequests(): string {
  if (python) return python;
  const tried: string[] = [];
  for (const candidate of PYTHON_CANDIDATES) {
    try {
      execFileSync(candidate, ["-c", "import requests"], { stdio: "ignore", timeout: 20_000 });
      return (python = candidate);
    } catch {
      tried.push(candidate);
    }
  }
  throw new Error(
    `no Python interpreter with the requests module: tried ${tried.join(", ")}. ` +
      "Install it (Debian: apt-get install python3-requests; else pip install requests) or set PYTHON to an interpreter that has it.",
  );
}

/** 实名认证 of the signed-in customer with a fresh valid number (free quota and orders need it). */
export async function verifyRealNameUI(page: Page, realName = "李四"): Promise<string> {
  await page.goto("/console/account#verify");
  await page.getByLabel("真实姓名").fill(realName);
  const idn = uniqueIdNumber();
  await page.getByLabel("身份证号").fill(idn);
  await page.getByRole("button", { name: "提交实名认证" }).click();
  await expect(page.getByText(`${idn.slice(0, 3)}***********${idn.slice(-4)}`)).toBeVisible();
  return idn;
}

/** 退出登录 from the console's 账号 menu (top right). */
export async function signOut(page: Page): Promise<void> {
  await page.getByTestId("account-menu").click();
  await page.getByRole("button", { name: "退出登录" }).click();
  await expect(page).toHaveURL(/\/login/);
}
