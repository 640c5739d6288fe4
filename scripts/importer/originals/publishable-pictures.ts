/**
 * Pictures an original holds that the site cannot publish are left out before the document is written, each named
 * in the report with the check's own reason and fix: an EMF or SVG picture (common in real decks), a part that is
 * no picture at all (a Word part typed text/html, written as .html with its script), one too thin to show or too
 * large. Written, each made a document that imported cleanly and that `npm run check` then refused.
 */
import { createHash } from "node:crypto";
import { imageProblem } from "../../content/verify-images.ts";
import { PUBLISHABLE_IMAGE_EXTENSIONS } from "../../images/images.ts";
import type { Block, OriginalDocument } from "./model.js";

/** Why the site cannot publish a picture of this extension and bytes, or undefined when it can. */
async function pictureProblem(ext: string, data: Uint8Array): Promise<string | undefined> {
  if (!PUBLISHABLE_IMAGE_EXTENSIONS.has(`.${ext.toLowerCase()}`))
    return `${ext ? `is a .${ext} file` : "has no file type in its name"}, which the site cannot publish: save it as PNG or JPEG in the original and import it again, or add it by hand`;
  return imageProblem(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
}

/** Removes from `original` every picture the site cannot publish, adding a note for each to its reading notes. */
export async function leaveOutUnpublishablePictures(original: OriginalDocument): Promise<void> {
  const checked = new Map<string, Promise<string | undefined>>();
  const keep = async (blocks: Block[], where: string): Promise<Block[]> => {
    const kept: Block[] = [];
    for (const block of blocks) {
      if (block.kind !== "image") {
        kept.push(block);
        continue;
      }
      const { ext, data } = block.image;
      const key = `${ext}:${createHash("sha256").update(data).digest("hex")}`;
      if (!checked.has(key)) checked.set(key, pictureProblem(ext, data));
      const problem = await checked.get(key)!;
      if (problem === undefined) kept.push(block);
      else original.notes.push(`${where}${block.image.where}: left out, as the site cannot publish it: the picture ${problem}`);
    }
    return kept;
  };
  original.preamble = await keep(original.preamble, "before the first section, ");
  // As the report's picture list names them: a Word picture by its section, a slide's or a page's by its own place.
  for (const section of original.sections) section.blocks = await keep(section.blocks, original.format === "docx" ? `section ${section.number}, ` : "");
}
