/**
 * Writes the rendered ID-card and plate sets (lib/render/sets.ts) to a folder, git-ignored:
 *
 *   npm run datasets [-- --out .data/datasets] [--cards 320] [--plates 520]
 *
 * Same seed, same images: the folder can always be made again. Each set has a
 * manifest.json (id, file, split tune|eval, ground truth, conditions).
 */
import fs from "node:fs";
import path from "node:path";
import { renderSetCard, renderSetPlate, SET_SIZES } from "../lib/render";

export const DEFAULT_DATASETS_DIR = path.resolve(import.meta.dirname, "../.data/datasets");

const ext = (b: Buffer) => (b[0] === 0xff && b[1] === 0xd8 ? "jpg" : "png");

export async function writeDatasets(out = DEFAULT_DATASETS_DIR, sizes: { cards: number; plates: number } = SET_SIZES, log: (s: string) => void = () => {}): Promise<void> {
  for (const [set, n] of [["idcard", sizes.cards], ["plate", sizes.plates]] as const) {
    const dir = path.join(out, set);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const manifest: object[] = [];
    for (let i = 0; i < n; i++) {
      const item = set === "idcard" ? await renderSetCard(i) : await renderSetPlate(i);
      const file = `${item.id}.${ext(item.image)}`;
      fs.writeFileSync(path.join(dir, file), item.image);
      const { image: _image, ...rest } = item;
      void _image;
      manifest.push({ file, ...rest });
      if ((i + 1) % 100 === 0) log(`${set}: ${i + 1}/${n}`);
    }
    fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 1) + "\n");
    log(`${set}: ${n} images in ${dir}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const out = path.resolve(arg("out") ?? DEFAULT_DATASETS_DIR);
  const sizes = { cards: Number(arg("cards") ?? SET_SIZES.cards), plates: Number(arg("plates") ?? SET_SIZES.plates) };
  const t0 = Date.now();
  writeDatasets(out, sizes, (s) => console.log(s))
    .then(() => console.log(`done in ${((Date.now() - t0) / 1000).toFixed(0)} s`))
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}
