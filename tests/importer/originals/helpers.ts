/** Shared helpers for the originals tests. */
import { ImportError } from "../../../scripts/importer/errors.js";
import { importOriginal, type ImportOriginalOptions } from "../../../scripts/importer/originals/index.js";

export const PUBLISHERS = [{ id: "testby", names: { nb: "Testby kommune" } }];
export const NOW = new Date("2026-11-30T12:00:00Z");

export function imp(bytes: Uint8Array, fileName: string, options: Partial<ImportOriginalOptions> = {}) {
  return importOriginal(bytes, { fileName, publisher: "testby", publishers: PUBLISHERS, now: NOW, soffice: null, ...options });
}

/** The formatted error (file: message / fix: …) an import fails with; fails the test if it succeeds or throws anything else. */
export async function importError(bytes: Uint8Array, fileName: string, options: Partial<ImportOriginalOptions> = {}): Promise<{ code: string; text: string }> {
  try {
    await imp(bytes, fileName, options);
  } catch (e) {
    if (e instanceof ImportError) return { code: e.code, text: e.format() };
    throw e;
  }
  throw new Error(`${fileName} was imported, but an error was expected`);
}
