/**
 * Character-accuracy metrics shared by the OCR benchmarks (general, ID card, plate).
 *
 * Both compare ground-truth lines with predicted lines after normalising each
 * (Unicode NFKC, so full-width ＡＢ１２ and half-width forms are equal, and all
 * whitespace removed).
 *
 * - strict (line-to-line): ground-truth and predicted lines are paired one to
 *   one (greedily, most similar pair first; similarity = 1 - edit distance /
 *   longer length, pairs below 0.2 are not paired). A GT line scores
 *   max(0, len - editDistance(gt, paired prediction)) correct characters, an
 *   unpaired GT line scores 0. A line the engine split in two, or two lines it
 *   merged into one, therefore loses the characters of the other part.
 * - forgiving (merged/split lines): all predicted lines are joined in reading
 *   order into one string; each GT line scores max(0, len - d) where d is the
 *   smallest edit distance between the GT line and ANY substring of that string
 *   (semi-global alignment). Splits, merges and line order do not matter; only
 *   the characters and their order within a line do.
 *
 * accuracy = Σ correct characters / Σ GT characters, over the whole corpus.
 * Predicted text absent from the GT (e.g. lines the GT leaves out) is not penalised by either.
 */

export function normalizeText(s: string): string {
  return s.normalize("NFKC").replace(/\s+/g, "");
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const A = [...a], B = [...b];
  if (A.length === 0) return B.length;
  if (B.length === 0) return A.length;
  let prev = new Array<number>(B.length + 1);
  let cur = new Array<number>(B.length + 1);
  for (let j = 0; j <= B.length; j++) prev[j] = j;
  for (let i = 1; i <= A.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= B.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (A[i - 1] === B[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return prev[B.length];
}

/** Smallest edit distance between `needle` and any substring of `hay`. */
export function substringDistance(needle: string, hay: string): number {
  const N = [...needle], H = [...hay];
  if (N.length === 0) return 0;
  let prev = new Array<number>(H.length + 1).fill(0);
  let cur = new Array<number>(H.length + 1);
  for (let i = 1; i <= N.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= H.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (N[i - 1] === H[j - 1] ? 0 : 1));
    }
    [prev, cur] = [cur, prev];
  }
  return Math.min(...prev);
}

export interface CharScore {
  /** correct characters */
  correct: number;
  /** ground-truth characters */
  total: number;
}

export function strictScore(gt: string[], pred: string[]): CharScore {
  const G = gt.map(normalizeText).filter((s) => s.length > 0);
  const P = pred.map(normalizeText).filter((s) => s.length > 0);
  const total = G.reduce((s, g) => s + [...g].length, 0);
  const pairs: { i: number; j: number; d: number; sim: number }[] = [];
  G.forEach((g, i) =>
    P.forEach((p, j) => {
      const d = editDistance(g, p);
      const sim = 1 - d / Math.max([...g].length, [...p].length);
      if (sim >= 0.2) pairs.push({ i, j, d, sim });
    }),
  );
  pairs.sort((a, b) => b.sim - a.sim);
  const usedG = new Set<number>(), usedP = new Set<number>();
  let correct = 0;
  for (const { i, j, d } of pairs) {
    if (usedG.has(i) || usedP.has(j)) continue;
    usedG.add(i);
    usedP.add(j);
    correct += Math.max(0, [...G[i]].length - d);
  }
  return { correct, total };
}

export function forgivingScore(gt: string[], pred: string[]): CharScore {
  const G = gt.map(normalizeText).filter((s) => s.length > 0);
  const hay = pred.map(normalizeText).join("");
  let correct = 0, total = 0;
  for (const g of G) {
    const n = [...g].length;
    total += n;
    correct += Math.max(0, n - substringDistance(g, hay));
  }
  return { correct, total };
}

/** Forgiving score of each GT line on its own (correct characters, GT characters), in GT order; empty lines skipped. */
export function lineScores(gt: string[], pred: string[]): { line: string; correct: number; total: number }[] {
  const hay = pred.map(normalizeText).join("");
  return gt
    .map((line) => ({ line, g: normalizeText(line) }))
    .filter((x) => x.g.length > 0)
    .map(({ line, g }) => {
      const n = [...g].length;
      return { line, correct: Math.max(0, n - substringDistance(g, hay)), total: n };
    });
}

/**
 * A GT line is "read" when at least READ_SHARE of its characters are found
 * (forgiving alignment); a line raw reads and ours does not is a lost line.
 */
export const READ_SHARE = 0.5;

export function addScores(a: CharScore, b: CharScore): CharScore {
  return { correct: a.correct + b.correct, total: a.total + b.total };
}

export function accuracy(s: CharScore): number {
  return s.total ? s.correct / s.total : 0;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const v = values.slice().sort((a, b) => a - b);
  const idx = Math.min(v.length - 1, Math.max(0, Math.ceil((p / 100) * v.length) - 1));
  return v[idx];
}

export const median = (values: number[]) => percentile(values, 50);
