import { inArray } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { users } from "@/db/schema";
import { checkDigit } from "@/lib/idcard/checksum";
import { idFingerprint } from "./fingerprint";

/**
 * The demo's 实名认证 hint: a well-formed test ID number (GB 11643 check digit, a real birth
 * date) that no account has used yet, so following the hint never ends in
 * 该身份证号已用于其他账户的实名认证. Numbers are tried in a fixed order (区划 110105, birth
 * dates from 1990-01-01 onwards, sequence 001–999), a batch per query, first free one wins.
 */
const BATCH = 40;

export function testIdCandidate(n: number): string {
  const day = new Date(Date.UTC(1990, 0, 1) + Math.floor(n / 999) * 86_400_000);
  const ymd = day.toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = `110105${ymd}${String((n % 999) + 1).padStart(3, "0")}`;
  return first17 + checkDigit(first17);
}

export async function freeTestIdNumber(db: DbOrTx, start = 0): Promise<string> {
  for (let from = start; ; from += BATCH) {
    const batch = Array.from({ length: BATCH }, (_, i) => testIdCandidate(from + i));
    const prints = batch.map((idn) => idFingerprint(idn));
    const taken = new Set((await db.select({ fp: users.idFingerprint }).from(users).where(inArray(users.idFingerprint, prints))).map((r) => r.fp));
    const i = prints.findIndex((fp) => !taken.has(fp));
    if (i >= 0) return batch[i]!;
  }
}
