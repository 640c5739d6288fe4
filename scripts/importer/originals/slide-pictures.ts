/**
 * Pictures of whole slides need LibreOffice (`soffice --headless`). This
 * module only finds out whether it is installed and says so in the report;
 * rendering the pictures is not built yet, so the import never depends on it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** Path of `soffice` on PATH, or undefined. */
export function findSoffice(envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, 'soffice');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/** The report's line about slide pictures. */
export function slidePicturesStatus(soffice: string | undefined): string {
  return soffice
    ? `skipped: LibreOffice is installed (${soffice}), but rendering slide pictures is not built yet; the slide text, tables and pictures were imported`
    : "skipped: LibreOffice (soffice) is not installed; the slide text, tables and pictures were imported without pictures of whole slides (Debian: apt-get install libreoffice-impress)";
}
