import crypto from "node:crypto";

const fmt = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/**
 * Order number as in the manual (20201105144349848445): the creation time to the
 * millisecond in Asia/Shanghai wall time (17 digits) plus 3 random digits — 20 digits.
 */
export function orderNumber(now: Date, random: number = crypto.randomInt(0, 1000)): string {
  const p: Record<string, string> = {};
  for (const part of fmt.formatToParts(now)) p[part.type] = part.value;
  const ms = String(now.getUTCMilliseconds()).padStart(3, "0");
  const rnd = String(Math.trunc(random) % 1000).padStart(3, "0");
  return `${p.year}${p.month}${p.day}${p.hour}${p.minute}${p.second}${ms}${rnd}`;
}

export const ORDER_NUMBER_RE = /^\d{20}$/;
