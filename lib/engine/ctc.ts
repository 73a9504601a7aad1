/** Greedy CTC decoding with per-character alternatives (top-k at each kept step). */

export interface CharCandidate {
  char: string;
  prob: number;
}

export interface DecodedChar {
  char: string;
  prob: number;
  /** top-k candidates at this step, best first (includes `char`) */
  alts: CharCandidate[];
  /** output step (each step covers ~8 px of the 48-px-high strip) */
  step: number;
}

export interface CtcResult {
  text: string;
  /** mean probability of the kept characters (0 for an empty line) */
  confidence: number;
  chars: DecodedChar[];
  steps: number;
}

/**
 * The recogniser's outputs are softmax probabilities: every step sums to 1 within
 * 1e-5 (measured on the strips of the rendered tuning half's 000-dense.jpg: 0.9999999
 * to 1.0000055), so a class above SURE is its step's maximum with no other class
 * able to tie. Blank steps above it (81% of that page's steps) need no scan at all.
 */
const SURE = 0.5001;

/**
 * Decodes one sequence of `steps` × `classes` probabilities starting at `offset`.
 * Class 0 is the blank; repeated classes collapse. Each step that is not surely a
 * blank is scanned once: its top-k non-blank classes give both the best class
 * (against the blank) and the alternatives kept with a character.
 */
export function ctcDecode(probs: Float32Array, offset: number, steps: number, classes: number, charset: string[], topK = 3): CtcResult {
  const chars: DecodedChar[] = [];
  const k = Math.max(1, topK);
  const idx = new Int32Array(k);
  const val = new Float32Array(k);
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    const blank = probs[base];
    if (blank > SURE) {
      prev = 0;
      continue;
    }
    const n = topClasses(probs, base, classes, k, idx, val);
    // ties go to the lower class, the blank first (a strict > scan from class 0)
    const best = n > 0 && val[0] > blank ? idx[0] : 0;
    if (best !== 0 && best !== prev) {
      const alts: CharCandidate[] = [];
      for (let i = 0; i < Math.min(n, topK); i++) alts.push({ char: charset[idx[i]] ?? "", prob: val[i] });
      chars.push({ char: charset[best] ?? "", prob: val[0], alts, step: t });
    }
    prev = best;
  }
  const text = chars.map((c) => c.char).join("");
  const confidence = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0;
  return { text, confidence, chars, steps };
}

/**
 * The k most probable non-blank classes of one step into idx/val, best first (a tie
 * keeps the lower class first); returns how many were found (k unless fewer classes).
 */
function topClasses(probs: Float32Array, base: number, classes: number, k: number, idx: Int32Array, val: Float32Array): number {
  let n = 0;
  for (let c = 1; c < classes; c++) {
    const p = probs[base + c];
    if (n === k && p <= val[k - 1]) continue;
    let i = n < k ? n++ : k - 1;
    while (i > 0 && val[i - 1] < p) {
      val[i] = val[i - 1];
      idx[i] = idx[i - 1];
      i--;
    }
    val[i] = p;
    idx[i] = c;
  }
  return n;
}

/** One character position as a plain list of readings, best first (the form grammars work on). */
export type CharChoices = { char: string; p: number }[];

/** Per-character alternatives as CharChoices, dropping readings below `minProb` (the best is always kept). */
export function charChoices(chars: DecodedChar[], minProb = 1e-4): CharChoices[] {
  return chars.map((c) => c.alts.filter((a, i) => i === 0 || a.prob >= minProb).map((a) => ({ char: a.char, p: a.prob })));
}
