/** Rendering helpers for tests, the benchmark and the playground's sample images (PNG buffers). */
export { renderIdcard, renderCardPhoto, idcardSvg, addressLines, CARD_W, CARD_H, PORTRAIT_BOX, type IdcardOptions, type CardPhotoOptions } from "./idcard";
export { renderPlate, renderPlateScene, plateSvg, type PlateOptions, type PlateKind, type SceneOptions } from "./plate";
export { renderTextPage } from "./textpage";
export { randomIdentity, randomPlate, rng, type Identity } from "./random";
export { degrade, type Degrade } from "./svg";
export { renderedCards, renderedPlates, type RenderedCard, type RenderedPlateImage } from "./datasets";
export { renderSetCard, renderSetPlate, splitOf, SET_SIZES, type SetCard, type SetPlateImage, type Split } from "./sets";
export { setIdentity, setPlate, PLATE_KINDS, type PlateSetKind, type SetPlate } from "./random";
