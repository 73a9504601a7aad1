/**
 * GB 11643-1999 citizen identity number: 17 digits + a check character (0-9 or X).
 * Check = (12 - (Σ digit_i × 2^(17-i) mod 11)) mod 11, with 10 written as X.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

export function checkDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new Error("checkDigit needs 17 digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  const c = (12 - (sum % 11)) % 11;
  return c === 10 ? "X" : String(c);
}

export function isValidIdn(idn: string): boolean {
  return /^\d{17}[\dX]$/.test(idn) && checkDigit(idn.slice(0, 17)) === idn[17];
}

/** Birth date (YYYYMMDD) and sex encoded in an 18-character number, or null when malformed. */
export function idnFacts(idn: string): { birth: string; sex: "男" | "女" } | null {
  if (!/^\d{17}[\dX]$/.test(idn)) return null;
  return { birth: idn.slice(6, 14), sex: Number(idn[16]) % 2 === 1 ? "男" : "女" };
}

/** One character position as recognised: the best reading first, with confidences. */
export type CharChoices = { char: string; p: number }[];

/** A reading is "confident" when its top choice is this sure; such characters are never rewritten. */
export const CONFIDENT = 0.9;

/**
 * Picks the number from per-character alternatives. Characters read with confidence stay
 * as read; among unsure positions, the check digit chooses the most probable combination
 * that validates. If none validates, the top reading is returned unchanged (and the caller
 * flags it). Returns the chosen string and whether it passed the check.
 */
export function resolveIdn(chars: CharChoices[]): { idn: string; valid: boolean; corrected: boolean } {
  const top = chars.map((c) => c[0]?.char ?? "").join("");
  if (chars.length !== 18) return { idn: top, valid: isValidIdn(top), corrected: false };
  if (isValidIdn(top)) return { idn: top, valid: true, corrected: false };
  const allowed = (i: number, ch: string) => (i === 17 ? /[\dX]/.test(ch) : /\d/.test(ch));
  // candidate lists: confident positions keep only their reading
  const cand = chars.map((c, i) => {
    const opts = c.filter((o) => allowed(i, o.char));
    if ((c[0]?.p ?? 0) >= CONFIDENT) return c.slice(0, 1);
    return opts.slice(0, 4);
  });
  if (cand.some((c) => c.length === 0)) return { idn: top, valid: false, corrected: false };
  const unsure = cand.map((c, i) => (c.length > 1 ? i : -1)).filter((i) => i >= 0);
  if (unsure.length > 6) return { idn: top, valid: false, corrected: false };
  let best: { s: string; score: number } | null = null;
  const pick: number[] = unsure.map(() => 0);
  const total = unsure.reduce((n, i) => n * cand[i].length, 1);
  for (let k = 0; k < total; k++) {
    let r = k;
    for (let j = 0; j < unsure.length; j++) {
      pick[j] = r % cand[unsure[j]].length;
      r = Math.floor(r / cand[unsure[j]].length);
    }
    let s = "";
    let score = 0;
    for (let i = 0; i < 18; i++) {
      const j = unsure.indexOf(i);
      const o = cand[i][j >= 0 ? pick[j] : 0];
      s += o.char;
      score += Math.log(Math.max(o.p, 1e-6));
    }
    if (isValidIdn(s) && (!best || score > best.score)) best = { s, score };
  }
  if (best) return { idn: best.s, valid: true, corrected: best.s !== top };
  return { idn: top, valid: false, corrected: false };
}

/** Random valid number for tests and rendering: region, birth date and sex chosen by the caller. */
export function makeIdn(region: string, birth: string, seq: number, sex: "男" | "女"): string {
  const s3 = String(seq % 100).padStart(2, "0") + String(sex === "男" ? 1 + 2 * (seq % 5) : 2 * (seq % 5));
  const first17 = region + birth + s3;
  return first17 + checkDigit(first17);
}
