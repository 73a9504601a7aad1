/**
 * Mainland plate grammar and grammar-constrained decoding of CTC alternatives.
 *
 *   standard    P L X X X X S      (7)  P province, L letter (no I/O), X letter-or-digit (no I/O),
 *                                       S = X or one of 学 警 挂 港 澳 领 使 试 超
 *   new energy  P L [A-K] X D D D D (8) small cars (D/F first), or
 *               P L D D D D D [DF]  (8) large vehicles
 *
 * Each position accepts only its class; a reading outside the class is replaced by the best
 * alternative inside it, or by its usual look-alike (O→0, I→1, 8→B …) at a cost.
 */
import type { CharChoices } from "../engine/ctc";

export const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
export const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
export const DIGITS = "0123456789";
export const SUFFIXES = "学警挂港澳领使试超";

type Cls = "P" | "L" | "X" | "D" | "S" | "E" | "F"; // E: new-energy energy letter A-K, F: D or F
const ALLOWED: Record<Cls, string> = {
  P: PROVINCES,
  L: LETTERS,
  X: LETTERS + DIGITS,
  D: DIGITS,
  S: LETTERS + DIGITS + SUFFIXES,
  E: "ABCDEFGHJK",
  F: "DF",
};
const TEMPLATES: Cls[][] = [
  ["P", "L", "X", "X", "X", "X", "S"],
  ["P", "L", "E", "X", "D", "D", "D", "D"],
  ["P", "L", "D", "D", "D", "D", "D", "F"],
];

/** Usual look-alikes, read → intended, per target class. */
const TO_DIGIT: Record<string, string> = { O: "0", D: "0", Q: "0", U: "0", I: "1", L: "1", J: "1", T: "1", Z: "2", S: "5", B: "8", G: "6", A: "4", "口": "0", "〇": "0", o: "0", l: "1", i: "1", z: "2", s: "5", b: "6", g: "9", q: "9" };
const TO_LETTER: Record<string, string> = { "0": "D", O: "D", "1": "T", I: "T", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T", o: "D", l: "L", i: "T" };

const NOISE = /^[\s·•.。,，:：;；\-_—'"“”‘’`|()（）\[\]【】]$/;

function mapTo(cls: Cls, ch: string): string | null {
  const up = ch.length === 1 && /[a-z]/.test(ch) ? ch.toUpperCase() : ch;
  const ok = ALLOWED[cls];
  if (ok.includes(up) && up !== "I" && up !== "O") return up;
  if (cls === "D") return TO_DIGIT[ch] ?? TO_DIGIT[up] ?? null;
  if (cls === "L" || cls === "E" || cls === "F") {
    const m = TO_LETTER[ch] ?? TO_LETTER[up];
    return m && ok.includes(m) ? m : null;
  }
  if (cls === "X" || cls === "S") {
    if (up === "O") return "0";
    if (up === "I") return "1";
    if (ch === "口") return "0";
    return null;
  }
  return null;
}

export interface PlateReading {
  text: string;
  confidence: number; // geometric mean of the chosen characters' probabilities, 0..1
  /** the same without the province character, which the recogniser reads least surely */
  bodyConfidence: number;
  template: 0 | 1 | 2;
  /** characters that were changed from the top reading */
  corrected: number;
}

/** Strips separator dots and noise that plates carry between the 2nd and 3rd character. */
export function cleanChoices(chars: CharChoices[]): CharChoices[] {
  return chars.filter((c) => c.length && !NOISE.test(c[0].char));
}

/** Best reading that satisfies the grammar, or null when none comes close. */
export function decodePlate(raw: CharChoices[]): PlateReading | null {
  const chars = cleanChoices(raw);
  let best: (PlateReading & { score: number }) | null = null;
  for (let t = 0; t < TEMPLATES.length; t++) {
    const tpl = TEMPLATES[t];
    for (let start = 0; start + tpl.length <= chars.length; start++) {
      const dropped = chars.length - tpl.length;
      if (dropped > 2) continue;
      let logp = 0, logBody = 0, text = "", corrected = 0, fail = false;
      for (let i = 0; i < tpl.length && !fail; i++) {
        const alts = chars[start + i];
        let pick: { ch: string; p: number } | null = null;
        for (const a of alts) {
          const m = mapTo(tpl[i], a.char);
          if (!m) continue;
          // a look-alike costs a little; O and I never occur on plates, so reading them as 0 and 1 is nearly free
          const p = m === a.char.toUpperCase() ? a.p : /[OoIi]/.test(a.char) && /[01]/.test(m) ? a.p * 0.9 : a.p * 0.6;
          if (!pick || p > pick.p) pick = { ch: m, p };
        }
        if (!pick) {
          // position has no admissible reading; a province may still be unreadable: allow with a big cost
          if (tpl[i] === "P") { pick = { ch: alts[0].char, p: 0.02 }; }
          else { fail = true; break; }
        }
        if (pick.ch !== alts[0].char) corrected++;
        text += pick.ch;
        logp += Math.log(Math.max(pick.p, 1e-4));
        if (i > 0) logBody += Math.log(Math.max(pick.p, 1e-4));
      }
      if (fail) continue;
      // characters left out cost what they were worth
      let dropCost = 0;
      for (let i = 0; i < chars.length; i++) if (i < start || i >= start + tpl.length) dropCost += Math.log(Math.max(1 - chars[i][0].p, 0.05));
      const conf = Math.exp(logp / tpl.length);
      const score = logp + dropCost + (t === 0 ? 0.3 : 0); // ties go to the common 7-character plate
      if (!best || score > best.score) best = { text, confidence: conf, bodyConfidence: Math.exp(logBody / (tpl.length - 1)), template: t as 0 | 1 | 2, corrected, score };
    }
  }
  if (!best) return null;
  if (!PROVINCES.includes(best.text[0])) return null;
  const { score: _s, ...r } = best;
  void _s;
  return r;
}

/** Plain-text check used by the regex baseline and tests. */
export const PLATE_RE = new RegExp(
  `[${PROVINCES}][${LETTERS}](?:[${LETTERS}${DIGITS}]{4}[${LETTERS}${DIGITS}${SUFFIXES}]|[A-HJK][${LETTERS}${DIGITS}]\\d{4}|\\d{5}[DF])`,
);
export function isPlateText(s: string): boolean {
  return new RegExp(`^(?:${PLATE_RE.source})$`).test(s);
}
