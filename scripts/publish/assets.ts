/**
 * Files published beside the rendered pages: the site's CSS and scripts
 * (assets/), attachments copied next to their document, processed body
 * images, and social cards. Written by writeSite (scripts/build/write-site.ts),
 * each part timed as its own phase, and by the dev server after an edit.
 */
import { copyFileSync, cpSync, mkdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { writeImages } from "../images/images.ts";
import { DEFAULT_LOCALE, UI_LOCALES } from "../i18n/locales.ts";
import { t } from "../i18n/strings.ts";
import type { LoadedDocument } from "../content/loaded.ts";
import type { Publisher } from "../content/schema.ts";
import { documentDateText, type DocumentView, type SiteModel } from "../site/model.ts";
import type { SiteConfig } from "../site/config.ts";
import { cardCacheDir, writeCards, type CardJob } from "./cards.ts";
import { cardLocale, cardUrl, siteCardUrl } from "./document.ts";

export type Timer = <T>(phase: string, work: () => T | Promise<T>) => Promise<T>;

export interface PublishAssetsOptions {
  /** Project root; processed images and social cards are cached in <root>/.cache/lysark/. */
  root?: string;
  time?: Timer;
  /** Only these documents' attachments and images, and no cards (the dev server after an edit that leaves cards as they were). */
  only?: readonly DocumentView[];
  /** False when the caller draws the cards itself (the build starts them while it validates). */
  cards?: boolean;
}

/** The site's CSS, scripts and icon, published under /assets/. */
export const ASSETS_DIR = fileURLToPath(new URL("../../assets/", import.meta.url));

/** Copies assets/ to <outputDir>/assets/. */
export function copyAssets(outputDir: string): void {
  cpSync(ASSETS_DIR, path.join(outputDir, "assets"), { recursive: true });
}

export const untimed: Timer = async (_phase, work) => work();

/**
 * A Timer that adds each phase's time to `timings`. Not an async function: a suspended one keeps its `work`, and
 * all that holds, to the end of the phase; the search phase's work holds every search record (write-site.ts).
 */
export function phaseTimer(timings: Record<string, number>): Timer {
  return (phase, work) => {
    const start = performance.now();
    const record = () => {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - start;
    };
    let running: Promise<Awaited<ReturnType<typeof work>>>;
    try {
      running = Promise.resolve(work());
    } catch (error) {
      record();
      return Promise.reject(error);
    }
    return running.finally(record);
  };
}

/** Output file for a site path, not URL-encoded ("/a/b.png" → <output>/a/b.png). */
function outputFile(outputDir: string, sitePath: string): string {
  return path.join(outputDir, ...sitePath.split("/").filter(Boolean));
}

/** The card of one document, written in its card locale; needs only the loaded document and its publisher. */
export function documentCardJob(doc: LoadedDocument, publisher: Publisher, outputDir: string): CardJob {
  const locale = cardLocale({ doc });
  const { meta } = doc;
  return {
    file: outputFile(outputDir, cardUrl({ doc })),
    card: {
      brand: t(locale, "site.name"),
      kicker: t(locale, `type.${meta.type}`),
      title: meta.titleTranslations?.[locale] ?? meta.title,
      footer: `${publisher.names[locale]} · ${documentDateText(locale, meta.date)}`,
      lang: meta.language,
    },
  };
}

/** The site's own card in each locale, for pages that are not documents (and every page with socialCards: "site"). */
export function siteCardJobs(config: SiteConfig, outputDir: string): CardJob[] {
  return UI_LOCALES.map((locale) => ({
    file: outputFile(outputDir, siteCardUrl(locale)),
    card: { brand: t(locale, "site.name"), kicker: "", title: t(locale, "site.tagline"), footer: new URL(config.url).host, lang: locale },
  }));
}

export function cardJobs(model: SiteModel, config: SiteConfig, outputDir: string): CardJob[] {
  const documents = config.socialCards === "site" ? [] : model.documents;
  return [...documents.map((view) => documentCardJob(view.doc, view.publisher, outputDir)), ...siteCardJobs(config, outputDir)];
}

export async function writePublishAssets(data: { model: SiteModel; config: SiteConfig }, outputDir: string, options: PublishAssetsOptions = {}): Promise<void> {
  const time = options.time ?? untimed;
  const { model, config } = data;
  const documents = options.only ?? model.documents;

  await time("attachments", () => {
    for (const view of documents) {
      for (const attachment of view.doc.assets.attachments) {
        const target = outputFile(outputDir, `${view.urls[DEFAULT_LOCALE]}${attachment.file}`);
        mkdirSync(path.dirname(target), { recursive: true });
        copyFileSync(attachment.source, target);
      }
    }
  });
  const { root } = options;
  await time("images", () =>
    writeImages(
      documents.flatMap((view) => view.doc.assets.images),
      outputDir,
      root && path.join(root, ".cache", "lysark", "media"),
    ),
  );
  if (options.only || options.cards === false) return;
  await time("cards", () => writeCards(cardJobs(model, config, outputDir), { cacheDir: root && cardCacheDir(root) }));
}
