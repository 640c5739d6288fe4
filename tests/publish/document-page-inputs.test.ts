/**
 * `npm start` keys a document's pages again only when its document or the inputs `documentPageInputs` names changed
 * (scripts/editor/dev-pages.ts). A document page that comes to show another document without naming it there would
 * be left stale in the preview: every document view a document's pages serialise must be the document's own or one
 * of its inputs, and so must the old addresses (movedFrom) other documents decide.
 */
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadContent } from "../../scripts/content/load.ts";
import { PAGE_TABLE } from "../../scripts/site/page-table.ts";
import { buildSiteModel, documentPageInputs, fullDocumentPage } from "../../scripts/site/model.ts";
import type { DocumentView } from "../../scripts/site/views.ts";
import { makeProject, removeProject } from "../helpers/fixture.ts";
import { publishProjectChanges } from "./helpers.ts";

let dir: string;
beforeAll(async () => {
  dir = makeProject("site-basic", await publishProjectChanges());
});
afterAll(() => removeProject(dir));

it("names every other document a document's pages show: the views its page, embed view, oEmbed file and citations serialise", () => {
  const model = buildSiteModel(loadContent(path.join(dir, "content"), { root: dir }).site, { root: dir });
  // Each view, serialised, says so: as the page keys' views stand for their documents when serialised.
  let shown = new Set<DocumentView>();
  for (const view of model.documents) {
    const toJSON = () => {
      shown.add(view);
      return view.id;
    };
    Object.defineProperty(view, "toJSON", { value: toJSON, configurable: true });
  }
  const perDocument = PAGE_TABLE.filter((spec) => spec.ofDocument);
  let othersShown = 0;
  for (const page of model.pages.document) {
    const inputs = documentPageInputs(model, page.view)!;
    shown = new Set();
    for (const spec of perDocument) JSON.stringify(spec.ofDocument!(fullDocumentPage(page)));
    const named = new Set([page.view, ...inputs.related]);
    expect(
      [...shown].filter((view) => !named.has(view)).map((view) => view.id),
      page.url,
    ).toEqual([]);
    othersShown += [...shown].filter((view) => view !== page.view).length;
  }
  // The fixture's documents show others (their related lists), or the check above would hold of anything.
  expect(othersShown).toBeGreaterThan(0);
});

it("names a document's old addresses, which its publisher's movedFrom and other documents' own decide", () => {
  const moved = makeProject("site-basic", {
    "content/testby/_publisher.yaml": "id: testby\nnames: { nb: Testby kommune, en: Testby municipality }\ncountry: NO\nkind: kommune\nmovedFrom: [nabo]\n",
  });
  try {
    const model = buildSiteModel(loadContent(path.join(moved, "content"), { root: moved }).site, { root: moved });
    const movedKind = PAGE_TABLE.find((spec) => spec.kind === "moved")!;
    const oldPages = (page: (typeof model.pages.document)[number]) => movedKind.ofDocument!(fullDocumentPage(page)).map((old) => (old as { url: string }).url);
    const likestilling = model.pages.document.find((page) => page.view.id === "testby/likestilling-i-testby" && page.locale === "nb")!;
    expect(documentPageInputs(model, likestilling.view)!.movedFrom).toEqual(["nabo/likestilling-i-testby"]);
    expect(oldPages(likestilling)).toEqual(["/dokumenter/nabo/likestilling-i-testby/", "/innebygd/nabo/likestilling-i-testby/"]);
    for (const page of model.pages.document) {
      const documents = page.locale === "nb" ? "/dokumenter/" : "/en/documents/";
      expect(
        oldPages(page).filter((url) => url.startsWith(documents)),
        page.url,
      ).toEqual(documentPageInputs(model, page.view)!.movedFrom.map((address) => `${documents}${address}/`));
    }
  } finally {
    removeProject(moved);
  }
});
