/**
 * Mainland plate grammar and grammar-constrained decoding of CTC alternatives.
 *
 *   standard    P L X X X X S      (7)  P province, L letter (no I/O), X letter-or-digit (no I/O),
 *                                       S = X or one of 学 警 挂 港 澳 领 使 试 超
 *   new energy  P L [A-K] X D D D D (8) small cars (D/F first), or
 *               P L D D D D D [DF]  (8) large vehicles
 *   armed police W J P D D D D X     (8) WJ, province, 4 digits, service letter or digit
 *               W J D D D D D D D   (9) the older WJ + 2-digit unit + 5 digits (WJ 16 93015)
 *   emergency   P L D D D D 应 急    (8)
 *   embassy     使 D D D D D D       (7)
 *
 * Each position accepts only its class; a reading outside the class is replaced by the best
 * alternative inside it, or by its usual look-alike (O→0, I→1, 8→B …) at a cost.
 */
import type { CharChoices } from "../engine/ctc";

export const PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";
export const LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";
export const DIGITS = "0123456789";
export const SUFFIXES = "学警挂港澳领使试超";

// E: new-energy energy letter A-K, F: D or F; lower case: the literal characters W J 应 急 使
type Cls = "P" | "L" | "X" | "D" | "S" | "E" | "F" | "w" | "j" | "y" | "g" | "s";
const ALLOWED: Record<Cls, string> = {
  P: PROVINCES,
  L: LETTERS,
  X: LETTERS + DIGITS,
  D: DIGITS,
  S: LETTERS + DIGITS + SUFFIXES,
  E: "ABCDEFGHJK",
  F: "DF",
  w: "W",
  j: "J",
  y: "应",
  g: "急",
  s: "使",
};
export type PlateTemplate = "standard" | "new energy small" | "new energy large" | "armed police" | "armed police old" | "emergency" | "embassy";
const TEMPLATES: { name: PlateTemplate; cls: Cls[] }[] = [
  { name: "standard", cls: ["P", "L", "X", "X", "X", "X", "S"] },
  { name: "new energy small", cls: ["P", "L", "E", "X", "D", "D", "D", "D"] },
  { name: "new energy large", cls: ["P", "L", "D", "D", "D", "D", "D", "F"] },
  { name: "armed police", cls: ["w", "j", "P", "D", "D", "D", "D", "X"] },
  { name: "armed police old", cls: ["w", "j", "D", "D", "D", "D", "D", "D", "D"] },
  { name: "emergency", cls: ["P", "L", "D", "D", "D", "D", "y", "g"] },
  { name: "embassy", cls: ["s", "D", "D", "D", "D", "D", "D"] },
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
  if (cls === "w" || cls === "j" || cls === "y" || cls === "g" || cls === "s") return null;
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
  template: PlateTemplate;
  /** characters that were changed from the top reading */
  corrected: number;
}

/** Strips separator dots and noise that plates carry between the 2nd and 3rd character. */
export function cleanChoices(chars: CharChoices[]): CharChoices[] {
  return chars.filter((c) => c.length && !NOISE.test(c[0].char)).map(foldWidth);
}

/** Full-width forms (４ Ｔ) are the same character as their ASCII twins: their probabilities add up. */
function foldWidth(c: CharChoices): CharChoices {
  const m = new Map<string, number>();
  for (const a of c) {
    const k = a.char.normalize("NFKC");
    m.set(k, (m.get(k) ?? 0) + a.p);
  }
  return [...m.entries()].map(([char, p]) => ({ char, p })).sort((a, b) => b.p - a.p);
}

/** Best reading that satisfies the grammar, or null when none comes close. */
export function decodePlate(raw: CharChoices[]): PlateReading | null {
  const chars = cleanChoices(raw);
  let best: (PlateReading & { score: number }) | null = null;
  for (const { name, cls: tpl } of TEMPLATES) {
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
      const score = logp + dropCost + (name === "standard" ? 0.3 : 0); // ties go to the common 7-character plate
      if (!best || score > best.score) best = { text, confidence: conf, bodyConfidence: Math.exp(logBody / (tpl.length - 1)), template: name, corrected, score };
    }
  }
  if (!best) return null;
  if (!PROVINCES.includes(best.text[0]) && !/^(WJ|使)/.test(best.text)) return null;
  const { score: _s, ...r } = best;
  void _s;
  return r;
}

/** Plain-text check used by the regex baseline and tests. */
export const PLATE_RE = new RegExp(
  `[${PROVINCES}][${LETTERS}](?:\\d{4}应急|[A-HJK][${LETTERS}${DIGITS}]\\d{4}|\\d{5}[DF]|[${LETTERS}${DIGITS}]{4}[${LETTERS}${DIGITS}${SUFFIXES}])|WJ(?:[${PROVINCES}]\\d{4}[${LETTERS}${DIGITS}]|\\d{7})|使\\d{6}`,
);
export function isPlateText(s: string): boolean {
  return new RegExp(`^(?:${PLATE_RE.source})$`).test(s);
}
