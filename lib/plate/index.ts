/** Licence plates: find every plate in a photo and read it (manual 4.3). */
export { recognizePlates, findPlates, type PlateFound } from "./recognize";
export { decodePlate, isPlateText, PLATE_RE, PROVINCES, type PlateReading } from "./grammar";
export { plateType, plateTypeFromColours, plateColours, colourShares, colourClass, type PlateType } from "./colour";
