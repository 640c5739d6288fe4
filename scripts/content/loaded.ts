/**
 * The types of loaded content: what validation hands to the rest of the build.
 * A module of its own so later stages (site model, key figures, publishing)
 * can name them without importing the loader itself.
 */
import type { DocumentMeta, Indicator, Publisher, Topic } from "./schema.ts";
import type { BodyOutline, BodyRef } from "./body-store.ts";
import type { DocumentTerms } from "./terms.ts";
import type { ImageAsset } from "../images/images.ts";
import type { AttachmentInfo } from "../publish/attachments.ts";

export interface LoadedDocument {
  meta: DocumentMeta;
  slug: string;
  /** Path relative to the project root. */
  file: string;
  /** The body without its HTML and text (anchors, titles, links, images); the full body is read with readBody (./body-store.ts). */
  body: BodyOutline;
  /** Where the full rendered body is: in memory, or on disk (a build). */
  bodyRef: BodyRef;
  /** Its words and their counts, for related documents (./terms.ts): found here so no later stage reads the body for them. */
  terms: DocumentTerms;
  /** A print of each part's text, for telling a document loaded twice (./repeated.ts). */
  partPrints: string;
  /** Line in the file where the Markdown body starts. */
  bodyLine: number;
  /** Line of each front-matter field, for later cross-document checks. */
  fieldLine(field: ReadonlyArray<PropertyKey>): number;
  /** Line and column of a front-matter field (or its closest existing parent). */
  fieldAt(field: ReadonlyArray<PropertyKey>): { line: number; col: number };
  /** Files the document brings along: images in its body and attachments, checked to exist. */
  assets: { images: ImageAsset[]; attachments: AttachmentInfo[] };
  /**
   * A hash of everything this document was made from (its bytes, path, images,
   * attachments and the build code), set when it went through the build cache;
   * the page cache keys its pages by it instead of hashing the whole document.
   */
  sourceHash?: string;
}

/** The registries a document names: what pass 1's checks and its worker's DocumentHook (./load.ts) are given. */
export type Registries = Pick<SiteContent, "topics" | "publishers" | "indicators">;

export interface SiteContent {
  topics: Topic[];
  indicators: Indicator[];
  publishers: Publisher[];
  /** Newest first; undated last; ties by title then file. */
  documents: LoadedDocument[];
}
