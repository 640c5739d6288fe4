/** The properties an Office file states about itself: docProps/core.xml and docProps/app.xml. */
import type { FileProperties } from "./model.js";
import type { OoxmlPackage } from "./ooxml.js";
import { kid, textOf } from "./xml.js";

export async function readOfficeProperties(pkg: OoxmlPackage): Promise<FileProperties> {
  const core = await pkg.xml("docProps/core.xml");
  const app = await pkg.xml("docProps/app.xml");
  const value = (el: typeof core, name: string): string | undefined => textOf(kid(el, name)).trim() || undefined;
  return {
    title: value(core, "dc:title"),
    author: value(core, "dc:creator"),
    lastModifiedBy: value(core, "cp:lastModifiedBy"),
    created: value(core, "dcterms:created"),
    modified: value(core, "dcterms:modified"),
    template: value(app, "Template"),
    application: value(app, "Application"),
    company: value(app, "Company"),
  };
}
