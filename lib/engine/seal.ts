/**
 * Red seals stamped over text: the seal's rim line touches the black lines
 * under it, so on the page the detector sees one tangle and no circle. The
 * page's red ink alone, as dark on white, shows the seal by itself; the lines
 * along a circle found there are read from it (lib/engine/arc.ts) and replace
 * the pieces of them the page gave.
 */
import type { RgbImage } from "./image";
import type { DetectedBox } from "./detect";
import { joinArcs, type Arc } from "./arc";
import { inQuad, type Quad } from "./geometry";

/**
 * A pixel is seal ink when red exceeds both green and blue by RED_MARGIN
 * (seal reds #b22222–#e60012 under JPEG and blur: 60–200; black, grey and
 * white text: below 20; orange-yellow paper g_tr_pathtext: red − green ≈ 60–90,
 * so green and blue both count). The page is looked at for a seal when at
 * least MIN_INK of its pixels are seal ink (a seal of 75-px radius on a 700×540 page: 2 %).
 * Both set from the inks' colours and the smallest seal of seal-tune, not swept: seal-tune's
 * rim lines missed went 7 of 20 → 3 with the red-ink pass (tryBelow 0.3 then).
 */
const RED_MARGIN = 60;
const MIN_INK = 0.002;

const inkAt = (d: Uint8Array, i: number) => d[i] - Math.max(d[i + 1], d[i + 2]);

/** The page's red ink as dark grey on white, or null when it has too little for a seal. */
export function redInk(img: RgbImage): RgbImage | null {
  const n = img.width * img.height;
  // counted first: a page without a seal (nearly every page) allocates nothing
  let ink = 0;
  for (let i = 0; i < n; i++) if (inkAt(img.data, i * 3) >= RED_MARGIN) ink++;
  if (ink < MIN_INK * n) return null;
  const out = new Uint8Array(n * 3);
  for (let i = 0; i < n; i++) {
    const red = inkAt(img.data, i * 3);
    // linear in redness from the margin's half up: anti-aliased edges keep their shape
    const v = red <= RED_MARGIN / 2 ? 255 : Math.max(0, 255 - Math.round((red - RED_MARGIN / 2) * 2.5));
    out[i * 3] = out[i * 3 + 1] = out[i * 3 + 2] = v;
  }
  return { width: img.width, height: img.height, data: out };
}

/** Share of a quad's ink (dark or red pixels) that is red, sampled on a grid of at most 40×40. */
export function redShare(img: RgbImage, q: Quad): number {
  const xs = q.map((p) => p[0]), ys = q.map((p) => p[1]);
  const x0 = Math.max(0, Math.floor(Math.min(...xs))), x1 = Math.min(img.width - 1, Math.ceil(Math.max(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys))), y1 = Math.min(img.height - 1, Math.ceil(Math.max(...ys)));
  const sx = Math.max(1, (x1 - x0) / 40), sy = Math.max(1, (y1 - y0) / 40);
  let ink = 0, red = 0;
  for (let y = y0; y <= y1; y += sy) {
    for (let x = x0; x <= x1; x += sx) {
      if (!inQuad(q, x + 0.5, y + 0.5)) continue;
      const i = (Math.floor(y) * img.width + Math.floor(x)) * 3;
      const d = img.data;
      const isRed = inkAt(d, i) >= RED_MARGIN;
      const dark = (d[i] + d[i + 1] + d[i + 2]) / 3 < 110;
      if (isRed) red++;
      if (isRed || dark) ink++;
    }
  }
  return ink ? red / ink : 0;
}

/**
 * The page's boxes with the seal's lines along a circle put in: `sealBoxes`
 * (found on the red ink) replace the page's arcs on the same circle, unless a
 * page arc covers more of the circle than they do, and the page's red boxes whose centre lies on them. Returns, per box, whether it is read from the red ink.
 */
export function withSealArcs(img: RgbImage, page: DetectedBox[], sealBoxes: DetectedBox[]): { boxes: DetectedBox[]; fromInk: boolean[] } {
  let seals = sealBoxes.filter((b): b is DetectedBox & { arc: Arc } => b.arc !== undefined);
  if (!seals.length) return { boxes: page, fromInk: page.map(() => false) };
  // Where the page itself found the circle, the reading that covers more of it wins.
  const same = (a: Arc, b: Arc) => joinArcs([a, b]).length === 1;
  for (const b of page) {
    if (!b.arc) continue;
    const ink = seals.filter((s) => same(s.arc, b.arc!));
    if (ink.length && Math.abs(b.arc.sweep) >= ink.reduce((t, s) => t + Math.abs(s.arc.sweep), 0)) seals = seals.filter((s) => !ink.includes(s));
  }
  if (!seals.length) return { boxes: page, fromInk: page.map(() => false) };
  const onSeal = (b: DetectedBox) => {
    if (b.arc) return seals.some((s) => same(s.arc, b.arc!));
    const cx = b.quad.reduce((s, p) => s + p[0], 0) / 4, cy = b.quad.reduce((s, p) => s + p[1], 0) / 4;
    return seals.some((s) => inQuad(s.quad, cx, cy) && onBand(s.arc, cx, cy)) && redShare(img, b.quad) > 0.5;
  };
  const kept = page.filter((b) => !onSeal(b));
  return { boxes: [...kept, ...seals], fromInk: [...kept.map(() => false), ...seals.map(() => true)] };
}

/** Whether (x, y) lies on the arc's band (radius within it, angle within its sweep). */
function onBand(a: Arc, x: number, y: number): boolean {
  const r = Math.hypot(x - a.cx, y - a.cy);
  if (r < a.rIn || r > a.rOut) return false;
  const lo = a.sweep > 0 ? a.start : a.start + a.sweep;
  const t = Math.atan2(y - a.cy, x - a.cx);
  const d = (((t - lo) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return d <= Math.abs(a.sweep);
}
