/**
 * Reading order and line grouping: boxes are grouped into rows along the
 * page's dominant text direction (so skewed pages group correctly), rows run
 * top to bottom, boxes left to right; vertical columns right to left.
 * Boxes of one row separated by less than about a character's height are
 * merged into one line (detectors often split a line at wide spaces).
 */
import { convexHull, minAreaRect, orderQuad, quadSize, rectCorners, type Point, type Quad } from "./geometry";
import type { PageLine } from "./page";

interface Item {
  line: PageLine;
  /** coordinates in the de-skewed frame */
  x0: number;
  x1: number;
  cy: number;
  h: number;
}

export function orderLines(lines: PageLine[], { merge = true, mergeGap = 0.9 } = {}): PageLine[] {
  if (lines.length <= 1) return lines;
  const angle = dominantAngle(lines.filter((l) => !l.vertical));
  const cos = Math.cos(-angle), sin = Math.sin(-angle);
  const rot = ([x, y]: Point): Point => [x * cos - y * sin, x * sin + y * cos];
  const items: Item[] = lines.map((line) => {
    const pts = line.quad.map(rot);
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    const minY = Math.min(...ys), maxY = Math.max(...ys);
    if (line.vertical) {
      // Columns sort by their top edge; their "height" for grouping is their width.
      const w = Math.max(...xs) - Math.min(...xs);
      return { line, x0: Math.min(...xs), x1: Math.max(...xs), cy: minY + w / 2, h: w };
    }
    return { line, x0: Math.min(...xs), x1: Math.max(...xs), cy: (minY + maxY) / 2, h: quadSize(line.quad).h };
  });
  items.sort((a, b) => a.cy - b.cy);
  const rows: Item[][] = [];
  for (const it of items) {
    const row = rows.find((r) => r.some((o) => Math.abs(o.cy - it.cy) < 0.5 * Math.min(o.h, it.h) && o.line.vertical === it.line.vertical));
    if (row) row.push(it);
    else rows.push([it]);
  }
  const rowCy = (r: Item[]) => r.reduce((s, i) => s + i.cy, 0) / r.length;
  rows.sort((a, b) => rowCy(a) - rowCy(b));
  const out: PageLine[] = [];
  for (const row of rows) {
    if (row[0].line.vertical) {
      row.sort((a, b) => b.x0 - a.x0);
      for (const it of row) out.push(it.line);
      continue;
    }
    row.sort((a, b) => a.x0 - b.x0);
    let cur = row[0];
    for (let i = 1; i < row.length; i++) {
      const it = row[i];
      const h = Math.min(cur.h, it.h);
      const similar = Math.max(cur.h, it.h) < 1.6 * h;
      if (merge && similar && it.x0 - cur.x1 < mergeGap * h && it.x0 > cur.x0) {
        cur = { line: joinLines(cur.line, it.line), x0: cur.x0, x1: Math.max(cur.x1, it.x1), cy: (cur.cy + it.cy) / 2, h: Math.max(cur.h, it.h) };
      } else {
        out.push(cur.line);
        cur = it;
      }
    }
    out.push(cur.line);
  }
  return out;
}

/** Median direction of the lines' top edges (radians). */
function dominantAngle(lines: PageLine[]): number {
  if (lines.length === 0) return 0;
  const a = lines
    .map((l) => Math.atan2(l.quad[1][1] - l.quad[0][1], l.quad[1][0] - l.quad[0][0]))
    .sort((x, y) => x - y);
  return a[Math.floor(a.length / 2)];
}

const WORDY = /[A-Za-z0-9]$/;
const WORDY_START = /^[A-Za-z0-9]/;

function joinLines(a: PageLine, b: PageLine): PageLine {
  const space = WORDY.test(a.text) && WORDY_START.test(b.text) ? " " : "";
  const n = a.text.length + b.text.length;
  const rect = minAreaRect(convexHull([...a.quad, ...b.quad]));
  let quad: Quad = rectCorners(rect);
  // Keep the reading direction of the first line when the text is steep.
  if (Math.abs(rect.angle) > Math.PI / 4 && Math.abs(rect.angle) < (3 * Math.PI) / 4) quad = orderQuad(quad);
  return {
    text: a.text + space + b.text,
    confidence: n ? (a.confidence * a.text.length + b.confidence * b.text.length) / n : 0,
    quad,
    chars: [...a.chars, ...b.chars],
    vertical: false,
  };
}
