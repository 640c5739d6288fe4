/**
 * Renders a document body once, in a locale-independent form: a list of
 * parts (slides or sections) with their HTML, so both locale pages and the
 * search index reuse the same result instead of rendering per locale.
 */
import MarkdownIt from "markdown-it";
import container from "markdown-it-container";
import type { Token } from "markdown-it";
import { LIMITS } from "./limits.ts";

export interface BodyPart {
  /** 1-based position among the document's `##` headings. */
  n: number;
  /** Stable anchor: `slide-N` for presentations, `section-N` otherwise. */
  anchor: string;
  titleHtml: string;
  /**
   * The title for the document's outline, where it sits inside a link of its own: its links flattened to their text
   * and its pictures to their alt text (a link inside a link splits it, and would take the reader elsewhere). Only
   * when it differs from titleHtml.
   */
  outlineHtml?: string;
  titleText: string;
  bodyHtml: string;
  notesHtml: string;
  /** Plain text of title, body and notes, for search and similarity. */
  text: string;
  /** True when the source has no text at all for this slide. */
  empty: boolean;
}

export interface RenderedBody {
  preambleHtml: string;
  parts: BodyPart[];
  /** Problems with body line numbers relative to the body (1-based). */
  problems: Array<{ line: number; message: string }>;
  wordCount: number;
  /** Every link target in the body with its line (1-based, relative to the body). */
  links: Array<{ href: string; line: number }>;
  /** Every image in the body, in order. */
  images: BodyImage[];
}

/** An image as written in the body: `![alt](src "title")`. */
export interface BodyImage {
  src: string;
  /** Alt text as plain text (Markdown in it is flattened). */
  alt: string;
  title: string;
  /** Line (1-based, relative to the body). */
  line: number;
}

/** An image's address as the editor wrote it, for messages: markdown-it percent-encodes it ("bilde-å.png" → "bilde-%C3%A5.png"). */
export function writtenSource(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

export interface RenderOptions {
  /**
   * Turns an image into HTML (e.g. a responsive <picture>) or reports a problem
   * with it. Called once per image with alt text, while the body is rendered;
   * without it images stay plain <img> elements.
   */
  renderImage?: (image: BodyImage) => { html: string } | { problem: string };
}

// Raw HTML is off: markup typed into a document is shown as text, never executed.
const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
md.use(container, "notes");

// Links leaving the site must not get a handle on this window.
const defaultLinkOpen = md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx]!.attrGet("href") ?? "");
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) && !href.startsWith("mailto:")) {
    tokens[idx]!.attrSet("rel", "noopener noreferrer");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

// An image whose HTML was prepared by RenderOptions.renderImage is written as that HTML.
const defaultImage = md.renderer.rules.image!;
md.renderer.rules.image = (tokens, idx, options, env, self) => {
  const html = (tokens[idx]!.meta as { lysarkHtml?: unknown } | null)?.lysarkHtml;
  return typeof html === "string" ? html : defaultImage(tokens, idx, options, env, self);
};

/**
 * The words of `tokens` as one string, each inline and code block followed by a
 * space, not yet normalised: see plainText. Concatenated rather than joined from
 * an array, as most of a body is many short text tokens.
 */
function rawText(tokens: Token[]): string {
  let text = "";
  for (const token of tokens) {
    if (token.type === "inline") {
      const children = token.children;
      if (children) {
        for (const child of children) {
          if (child.type === "text" || child.type === "code_inline") text += child.content;
          else if (child.type === "softbreak" || child.type === "hardbreak") text += " ";
        }
      }
      text += " ";
    } else if (token.type === "code_block" || token.type === "fence") {
      text += `${token.content} `;
    }
  }
  return text;
}

/**
 * Whitespace that normalising changes: a space followed by more whitespace, or a
 * run that starts with another whitespace character. Replacing these with " "
 * gives what replacing every run (/\s+/g) does, without rewriting each single
 * space between two words (a quarter of the time on a generated corpus).
 */
const UNUSUAL_WHITESPACE = / \s+|[^\S ]\s*/g;

/** Runs of whitespace as one space, trimmed. */
function normalizeSpace(text: string): string {
  return text.replace(UNUSUAL_WHITESPACE, " ").trim();
}

function plainText(tokens: Token[]): string {
  return normalizeSpace(rawText(tokens));
}

/** Words in a normalised text: its spaces plus one (split(" ").length without the array). */
function countWords(text: string): number {
  if (!text) return 0;
  let count = 1;
  for (let at = text.indexOf(" "); at !== -1; at = text.indexOf(" ", at + 1)) count++;
  return count;
}

function render(tokens: Token[]): string {
  return tokens.length ? md.renderer.render(tokens, md.options, {}) : "";
}

/** Block containers whose depth is limited (markdown-it drops everything past its own, higher limit). */
const NESTING = new Set(["bullet_list_open", "ordered_list_open", "blockquote_open", "container_notes_open"]);
const NESTING_CLOSE = new Set([...NESTING].map((type) => type.replace(/_open$/, "_close")));

/**
 * Structure that markdown-it accepts but that would lose content without a
 * word: a `::: notes` or code fence left open swallows every slide after it,
 * and lists or quotes nested past markdown-it's limit are dropped.
 */
function structureProblems(tokens: Token[], body: string): RenderedBody["problems"] {
  const problems: RenderedBody["problems"] = [];
  // Split only for a notes block or a code fence: most bodies have neither.
  let split: string[] | undefined;
  const lines = () => (split ??= body.split("\n"));
  let depth = 0;
  let reported = false;
  let notesDepth = 0;
  for (const token of tokens) {
    if (token.type === "container_notes_close") notesDepth--;
    const line = (token.map?.[0] ?? 0) + 1;
    if (NESTING.has(token.type)) {
      depth++;
      if (depth > LIMITS.markdownNesting && !reported) {
        reported = true;
        problems.push({
          line,
          message: `lists or quotes are nested more than ${LIMITS.markdownNesting} levels deep here. Flatten the structure: deeper levels cannot be shown.`,
        });
      }
    } else if (token.nesting === -1 && NESTING_CLOSE.has(token.type)) {
      depth--;
    }
    if (token.type === "container_notes_open" && notesDepth++ > 0) {
      // The inner block's ":::" closes it, and the outer's ":::" after it is left on the slide.
      problems.push({
        line,
        message: 'speaker notes start again inside speaker notes. Close the first notes with a line ":::" before this one, or remove this "::: notes" line.',
      });
    }
    if (token.type === "container_notes_open") {
      const closing = lines()[token.map![1]]?.replace(/^[\s>]*/, "");
      if (closing === undefined || !/^:{3,}\s*$/.test(closing)) {
        problems.push({
          line,
          message: 'speaker notes (":::" notes) are not closed, so everything after them would become notes. Add a line ":::" where the notes end.',
        });
      }
    }
    if (token.type === "fence") {
      const [start, end] = token.map!;
      // The closing fence may sit inside a quote ("> ```").
      const last =
        lines()
          [end - 1]?.replace(/^[\s>]*/, "")
          .trim() ?? "";
      const marker = token.markup;
      if (end - 1 === start || !last.startsWith(marker) || last.replace(new RegExp(`^\\${marker[0]}+`), "").trim() !== "") {
        // A fence of thousands of backticks is named by its length, not quoted whole (twice).
        const shown = marker.length > 10 ? `${marker.length} ${marker[0] === "`" ? "backticks" : "tildes"}` : marker;
        problems.push({
          line,
          message: `code block opened with ${shown} is not closed, so everything after it would be shown as code. Add a line ${shown === marker ? marker : `of ${shown}`} where it ends.`,
        });
      }
    }
  }
  return problems;
}

export function renderBody(body: string, anchorPrefix: "slide" | "section", options: RenderOptions = {}): RenderedBody {
  const tokens = md.parse(body, {});
  const problems: RenderedBody["problems"] = structureProblems(tokens, body);
  const preamble: Token[] = [];
  const parts: Array<{ title: Token; body: Token[]; notes: Token[] }> = [];
  /** "##" headings after the first one past LIMITS.slidesPerDocument. */
  let partsPastLimit = 0;

  const links: RenderedBody["links"] = [];
  const images: BodyImage[] = [];
  for (const token of tokens) {
    let lineOffset = 0;
    for (const child of token.children ?? []) {
      if (child.type === "softbreak" || child.type === "hardbreak") lineOffset++;
      if (child.type === "link_open") links.push({ href: String(child.attrGet("href") ?? ""), line: (token.map?.[0] ?? 0) + 1 });
      if (child.type === "image") {
        const image: BodyImage = {
          src: String(child.attrGet("src") ?? ""),
          alt: md.renderer
            .renderInlineAsText(child.children ?? [], md.options, {})
            .replace(/\s+/g, " ")
            .trim(),
          title: String(child.attrGet("title") ?? ""),
          line: (token.map?.[0] ?? 0) + 1 + lineOffset,
        };
        images.push(image);
        if (!image.alt) {
          problems.push({
            line: image.line,
            message: `image "${image.src}" has no alt text. Describe what it shows for people who cannot see it: ![A short description](${image.src})`,
          });
        } else if (options.renderImage) {
          const result = options.renderImage(image);
          if ("problem" in result) problems.push({ line: image.line, message: result.problem });
          else child.meta = { ...(child.meta ?? {}), lysarkHtml: result.html };
        }
      }
    }
  }

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const line = (token.map?.[0] ?? 0) + 1;
    if (token.type === "heading_open" && token.level === 0) {
      if (token.tag === "h1") {
        problems.push({
          line,
          message: 'a "#" heading in the body is not allowed: the document title comes from the front-matter. Use "##" for each slide or section.',
        });
      }
      if (token.tag === "h1" || token.tag === "h2") {
        // Past the limit a body is refused (below): its further parts are counted, not rendered.
        if (parts.length > LIMITS.slidesPerDocument) partsPastLimit++;
        else parts.push({ title: tokens[i + 1]!, body: [], notes: [] });
        i += 2; // inline + heading_close
        continue;
      }
    }
    if (partsPastLimit) continue;
    const current = parts[parts.length - 1];
    if (token.type === "container_notes_open") {
      let depth = 1;
      let j = i + 1;
      for (; j < tokens.length; j++) {
        if (tokens[j]!.type === "container_notes_open") depth++;
        if (tokens[j]!.type === "container_notes_close" && --depth === 0) break;
      }
      const inner = tokens.slice(i + 1, j);
      if (!current) problems.push({ line, message: 'speaker notes (":::" notes) must follow a "##" slide heading.' });
      else current.notes.push(...inner);
      i = j;
      continue;
    }
    (current ? current.body : preamble).push(token);
  }

  const beyond = parts[LIMITS.slidesPerDocument];
  if (beyond) {
    problems.push({
      line: (beyond.title.map?.[0] ?? 0) + 1,
      message: `the body has ${(parts.length + partsPastLimit).toLocaleString("en-US")} "##" slides or sections; at most ${LIMITS.slidesPerDocument.toLocaleString("en-US")} fit one document, and this is the first one past them. Split the document into several, or make minor headings "###".`,
    });
  }
  let wordCount = 0;
  const rendered = parts.map((part, index): BodyPart => {
    const n = index + 1;
    const titleHtml = md.renderer.renderInline(part.title.children ?? [], md.options, {});
    const outlineHtml = outlineTitle(part.title.children ?? []);
    const titleRaw = rawText([part.title]);
    const titleText = normalizeSpace(titleRaw);
    // Every non-empty raw text ends in a space, so normalising them together gives the
    // non-empty ones normalised and joined by one space.
    const text = normalizeSpace(titleRaw + rawText(part.body) + rawText(part.notes));
    wordCount += countWords(text);
    return {
      n,
      anchor: `${anchorPrefix}-${n}`,
      titleHtml,
      ...(outlineHtml === undefined ? {} : { outlineHtml }),
      titleText,
      bodyHtml: render(part.body),
      notesHtml: render(part.notes),
      text,
      empty: text === "",
    };
  });
  wordCount += countWords(plainText(preamble));
  return { preambleHtml: render(preamble), parts: rendered, problems, wordCount, links, images };
}

/** A heading's inline tokens rendered without links and pictures (BodyPart.outlineHtml), or undefined when it has none. */
function outlineTitle(children: Token[]): string | undefined {
  if (!children.some((token) => token.type === "link_open" || token.type === "image")) return undefined;
  const flat = children
    .filter((token) => token.type !== "link_open" && token.type !== "link_close")
    .map((token) => {
      if (token.type !== "image") return token;
      const alt = new (token.constructor as new (type: string, tag: string, nesting: number) => Token)("text", "", 0);
      alt.content = token.content;
      return alt;
    });
  return md.renderer.renderInline(flat, md.options, {});
}

/** Renders a short inline Markdown string (e.g. a summary) without block wrappers. */
export function renderInline(text: string): string {
  return md.renderInline(text);
}
