/**
 * The files the site writes beside each document's page, besides the page itself: its oEmbed file
 * (../publish/embed.ts) and its citations (../publish/cite.ts). Named here, in pass 1's stage, so the check can
 * refuse an attachment of the same name (../publish/attachments.ts), which would be a second source for the file.
 */
export const OEMBED_FILE = "oembed.json";
export const BIBTEX_FILE = "cite.bib";
export const CSL_FILE = "cite.csl.json";
