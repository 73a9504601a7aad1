import crypto from "node:crypto";
import { shParts } from "@/lib/format";

/**
 * Order number as in the manual (20201105144349848445): the creation time to the
 * millisecond in Asia/Shanghai wall time (17 digits) plus 3 random digits — 20 digits.
 */
export function orderNumber(now: Date, random: number = crypto.randomInt(0, 1000)): string {
  const p = shParts(now);
  const ms = String(now.getUTCMilliseconds()).padStart(3, "0");
  const rnd = String(Math.trunc(random) % 1000).padStart(3, "0");
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}${ms}${rnd}`;
}

export const ORDER_NUMBER_RE = /^\d{20}$/;
