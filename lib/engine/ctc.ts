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
 * Decodes one sequence of `steps` × `classes` probabilities starting at `offset`.
 * Class 0 is the blank; repeated classes collapse.
 */
export function ctcDecode(probs: Float32Array, offset: number, steps: number, classes: number, charset: string[], topK = 3): CtcResult {
  const chars: DecodedChar[] = [];
  let prev = -1;
  for (let t = 0; t < steps; t++) {
    const base = offset + t * classes;
    let best = 0;
    let bestP = probs[base];
    for (let c = 1; c < classes; c++) {
      const p = probs[base + c];
      if (p > bestP) {
        bestP = p;
        best = c;
      }
    }
    if (best !== 0 && best !== prev) {
      chars.push({ char: charset[best] ?? "", prob: bestP, alts: topAlternatives(probs, base, classes, charset, topK), step: t });
    }
    prev = best;
  }
  const text = chars.map((c) => c.char).join("");
  const confidence = chars.length ? chars.reduce((s, c) => s + c.prob, 0) / chars.length : 0;
  return { text, confidence, chars, steps };
}

function topAlternatives(probs: Float32Array, base: number, classes: number, charset: string[], k: number): CharCandidate[] {
  const top: CharCandidate[] = [];
  for (let c = 1; c < classes; c++) {
    const p = probs[base + c];
    if (top.length === k && p <= top[k - 1].prob) continue;
    const cand = { char: charset[c] ?? "", prob: p };
    let i = top.length;
    while (i > 0 && top[i - 1].prob < p) i--;
    top.splice(i, 0, cand);
    if (top.length > k) top.pop();
  }
  return top;
}

/** One character position as a plain list of readings, best first (the form grammars work on). */
export type CharChoices = { char: string; p: number }[];

/** Per-character alternatives as CharChoices, dropping readings below `minProb` (the best is always kept). */
export function charChoices(chars: DecodedChar[], minProb = 1e-4): CharChoices[] {
  return chars.map((c) => c.alts.filter((a, i) => i === 0 || a.prob >= minProb).map((a) => ({ char: a.char, p: a.prob })));
}
