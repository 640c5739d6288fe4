// Lysark search: a small UI on Pagefind's JS API (see docs/search.md).
//
// Every document is in one Pagefind bundle (/pagefind/), whatever its language, so a query
// loads one pagefind.js, one worker, one WebAssembly module and one set of index chunks.
// Pagefind's filter data (the facet counts) is loaded only once the filters are in use or
// someone reaches for them: a plain query needs none of it. Everything shown comes from
// data- attributes and the server-rendered form (facet labels are translated there); no
// inline script.

import { excerptPieces, explainMatch, PART_ANCHOR, pageExcerpt, partExcerpt, resultText, standInPartResults } from "./search-explain.js";
import { createSearch, EXCERPT_WORDS } from "./search-query.js";

/**
 * Results shown first, and added by each "Show more results": every result shown costs its fragment
 * (about 3 KB at 5,000 documents), so a query loads five, as Pagefind's own UI does; the ranking is
 * the same whatever is shown (docs/search.md, "The search page").
 */
const FIRST_PAGE = 5;
const MORE_PAGE = 10;
const MAX_PARTS = 5;
const DEBOUNCE_MS = 250;
const FACETS = ["publisher", "topic", "type", "year", "language"];

const root = document.querySelector("[data-search]");
if (root) start(root);

function start(root) {
  const data = root.dataset;
  const locale = data.locale;
  const intl = data.intl || locale;
  const bundles = (data.bundles || "").split(/\s+/).filter(Boolean);
  const documentUrl = data.documentUrl;

  const fallback = root.querySelector("[data-search-fallback]");
  const fallbackText = root.querySelector("[data-search-fallback-text]");
  const app = root.querySelector("[data-search-app]");
  const form = root.querySelector("#search-form");
  const input = root.querySelector("#search-q");
  const sortSelect = root.querySelector("#search-sort");
  const status = root.querySelector("[data-search-status]");
  const hitsList = root.querySelector("[data-search-hits]");
  const results = hitsList.closest("section");
  const moreButton = root.querySelector("[data-search-more]");
  const clearButton = root.querySelector("[data-search-clear]");
  const checkboxes = [...root.querySelectorAll(".facet input[type=checkbox]")];

  const numberFormat = new Intl.NumberFormat(intl);
  const dayFormat = new Intl.DateTimeFormat(intl, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const monthFormat = new Intl.DateTimeFormat(intl, { month: "long", year: "numeric", timeZone: "UTC" });

  /** UI string from data-t-NAME, with {placeholders} filled in. */
  const t = (name, vars = {}) => {
    const key = "t" + name.replace(/(^|-)([a-z])/g, (_, _dash, letter) => letter.toUpperCase());
    const template = data[key] ?? "";
    return template.replace(/\{(\w+)\}/g, (whole, field) => (field in vars ? String(vars[field]) : whole));
  };

  // Facet labels in this locale, straight from the form: value → label per facet.
  const labels = Object.fromEntries(FACETS.map((facet) => [facet, new Map()]));
  for (const box of checkboxes) {
    const facet = box.name;
    const label = box.closest("li")?.querySelector("[data-label]")?.textContent ?? box.value;
    labels[facet]?.set(box.value, label.trim());
  }
  const labelOf = (facet, value) => labels[facet]?.get(value) ?? value;
  // Each topic's words per UI locale (data-terms-nb, data-terms-en), to say a result matched through one.
  const topicTerms = {};
  for (const box of checkboxes.filter((box) => box.name === "topic")) {
    topicTerms[box.value] = Object.fromEntries(
      Object.entries(box.dataset)
        .filter(([key]) => key.startsWith("terms"))
        .map(([key, value]) => [key.slice(5).toLowerCase(), value.split("|")]),
    );
  }

  fallback.hidden = true;
  app.hidden = false;
  // On a narrow screen the filters would push the results far down: start them folded.
  const filterPanel = root.querySelector("[data-search-filters]");
  if (filterPanel && window.matchMedia("(max-width: 48rem)").matches) filterPanel.open = false;

  // The current search's results in display order and how many are shown; `loading` chains
  // the batches of "show more", so they are appended in order.
  let list = { hits: [], shown: 0, loading: Promise.resolve() };
  let searchId = 0;
  let debounce = 0;
  let countsWanted = false;
  let filtersLoaded = null;

  const failed = (error) => {
    console.error("Lysark search could not run:", error);
    app.hidden = true;
    fallbackText.textContent = t("load-error");
    fallback.hidden = false;
  };

  const ready = (async () => {
    const [basePath] = bundles;
    if (!basePath) throw new Error("the search page names no Pagefind bundle");
    const pagefind = await import(new URL(`${basePath}pagefind.js`, document.baseURI).href);
    return createSearch(pagefind, basePath);
  })();
  ready.catch(failed);

  // ----- state <-> form <-> address bar

  const readState = () => ({
    query: input.value.trim(),
    sort: sortSelect.value,
    filters: Object.fromEntries(FACETS.map((facet) => [facet, checkboxes.filter((box) => box.name === facet && box.checked).map((box) => box.value)])),
  });

  const restoreFromUrl = () => {
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") ?? "";
    const sort = params.get("sort") ?? "";
    sortSelect.value = [...sortSelect.options].some((option) => option.value === sort) ? sort : "";
    for (const box of checkboxes) box.checked = params.getAll(box.name).includes(box.value);
    // A long facet's other options are behind "Show all": open it when one of them is ticked, so the filter shows.
    for (const more of root.querySelectorAll("[data-facet-more]")) if (more.querySelector("input:checked")) more.open = true;
  };

  const writeUrl = (state) => {
    const params = new URLSearchParams();
    if (state.query) params.set("q", state.query);
    if (state.sort) params.set("sort", state.sort);
    for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
    const search = params.toString();
    const url = `${location.pathname}${search ? `?${search}` : ""}`;
    if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
    // The language switcher leads to the same search in the other language (filter values are ids, the same in both).
    for (const link of document.querySelectorAll(".lang-switcher a[href]")) {
      const target = new URL(link.href);
      target.search = search;
      // Path and all, no origin: the link stays as the page wrote it, but for its query.
      link.setAttribute("href", `${target.pathname}${target.search}${target.hash}`);
    }
  };

  // ----- searching

  const pagefindFilters = (state) => {
    const filters = {};
    for (const facet of FACETS) {
      // Values within one facet are alternatives; different facets must all hold.
      if (state.filters[facet].length) filters[facet] = { any: state.filters[facet] };
    }
    return filters;
  };

  /** Loads and renders the next `count` results of `of` (Pagefind fetches one fragment per result). */
  const nextHits = (of, count) => {
    const batch = of.loading.then(async () => {
      const data = await Promise.all(of.hits.slice(of.shown, of.shown + count).map((hit) => hit.data()));
      return data.map((hit) => renderHit(hit, ++of.shown));
    });
    of.loading = batch.catch(() => {});
    return batch;
  };

  // Pagefind loads a facet's filter data only for a search that filters on it, and counts only
  // the facets it has loaded; filters() loads them all.
  const loadFilters = (pagefind) => (filtersLoaded ??= pagefind.filters());

  /** Counts per facet value for `state`; a facet's own choices are alternatives, so its counts leave its own selection out. */
  const countsFor = async (pagefind, state) => {
    const totals = await loadFilters(pagefind);
    const filters = pagefindFilters(state);
    const term = state.query || null;
    if (!term && !Object.keys(filters).length) return totals;
    const counts = (await pagefind.run(term, { filters, counts: true })).filters;
    for (const facet of Object.keys(filters)) {
      const others = { ...filters };
      delete others[facet];
      counts[facet] = (await pagefind.run(term, { filters: others, counts: true })).filters[facet] ?? {};
    }
    return counts;
  };

  const updateCounts = (counts) => {
    for (const box of checkboxes) {
      const count = counts?.[box.name]?.[box.value] ?? 0;
      const target = box.closest("li")?.querySelector("[data-count]");
      if (target) target.textContent = `(${numberFormat.format(count)})`;
      box.closest("li")?.classList.toggle("facet-empty", count === 0 && !box.checked);
    }
  };

  /** Shows the facet counts of the current search, once they are wanted. */
  const refreshCounts = async (id) => {
    if (!countsWanted) return;
    const counts = await countsFor(await ready, readState());
    if (id === searchId) updateCounts(counts);
  };

  /** The filters are about to be used: load their data and show the counts. */
  const wantCounts = () => {
    if (countsWanted) return;
    countsWanted = true;
    refreshCounts(searchId).catch((error) => console.error("Lysark search could not count the filters:", error));
  };

  const setStatus = (text) => {
    status.textContent = text;
  };

  const search = async () => {
    const id = ++searchId;
    const state = readState();
    writeUrl(state);
    const filters = pagefindFilters(state);
    const hasFilters = Object.keys(filters).length > 0;
    if (hasFilters) countsWanted = true;
    results.setAttribute("aria-busy", "true");
    try {
      if (!state.query && !hasFilters) {
        list = { hits: [], shown: 0, loading: Promise.resolve() };
        hitsList.replaceChildren();
        moreButton.hidden = true;
        setStatus(t("prompt"));
        await refreshCounts(id);
        return;
      }
      const pagefind = await ready;
      const term = state.query || null;
      // By date: ordered from each result's page name, undated documents last either way (search-query.js).
      const sort = state.sort === "newest" || state.sort === "oldest" ? state.sort : undefined;
      const ordered = (await pagefind.run(term, sort ? { filters, sort } : { filters })).results;
      if (id !== searchId) return;
      list = { hits: ordered, shown: 0, loading: Promise.resolve() };
      const first = await nextHits(list, FIRST_PAGE);
      if (id !== searchId) return;
      hitsList.replaceChildren(...first);
      moreButton.hidden = list.shown >= ordered.length;
      const count = numberFormat.format(ordered.length);
      const plural = ordered.length === 0 ? "zero" : ordered.length === 1 ? "one" : "many";
      setStatus(state.query ? t(`results-${plural}`, { count, query: state.query }) : t(`browse-${plural}`, { count }));
      await refreshCounts(id);
    } catch (error) {
      if (id === searchId) failed(error);
    } finally {
      if (id === searchId) results.removeAttribute("aria-busy");
    }
  };

  const showMore = async () => {
    const of = list;
    const items = await nextHits(of, MORE_PAGE).catch(failed);
    if (of !== list || !items?.length) return;
    hitsList.append(...items);
    moreButton.hidden = of.shown >= of.hits.length;
    items[0].querySelector("a")?.focus();
  };

  // ----- rendering (text only: nothing from the index is parsed as HTML)

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** "Matched the topic *Gender equality*" / "Matched part of *arbeidsgiverstrategi*", the name emphasised. */
  const explanation = (why, language) => {
    const [name, placeholder] = why.kind === "topic" ? [labelOf("topic", why.topic), "{topic}"] : [why.word, "{word}"];
    const [before, after = ""] = t(`why-${why.kind}`).split(placeholder);
    const emphasis = element("em", "", name);
    if (why.kind === "compound" && language) emphasis.lang = language;
    const line = element("p", "search-hit-why");
    line.append(before, emphasis, after);
    return line;
  };

  /** Excerpts are text with < and > escaped, <mark> around matches and <span lang> around words in another language. */
  const excerpt = (className, html, lang) => {
    const paragraph = element("p", className);
    if (lang) paragraph.lang = lang;
    let span;
    for (const piece of excerptPieces(html)) {
      if (!piece.lang) span = undefined;
      else if (span?.lang !== piece.lang) {
        span = element("span");
        span.lang = piece.lang;
        paragraph.append(span);
      }
      (span ?? paragraph).append(piece.marked ? element("mark", "", piece.text) : piece.text);
    }
    return paragraph;
  };

  const formatDate = (value) => {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value ?? "");
    if (!match) return t("date-unknown");
    const [, year, month, day] = match;
    const date = new Date(Date.UTC(Number(year), Number(month ?? 1) - 1, Number(day ?? 1)));
    return day ? dayFormat.format(date) : month ? monthFormat.format(date) : year;
  };

  const urlOf = (doc) => {
    const [publisher = "", slug = ""] = String(doc ?? "").split("/");
    return documentUrl.replace("{publisher}", encodeURIComponent(publisher)).replace("{slug}", encodeURIComponent(slug));
  };

  const renderHit = (hit, n) => {
    const meta = hit.meta ?? {};
    const language = hit.filters?.language?.[0] ?? "";
    const translated = meta[`title_${locale}`];
    const url = urlOf(meta.doc);

    const item = element("li", "search-hit");
    const heading = element("h3", "search-hit-title");
    const link = element("a", "", translated ?? meta.title ?? url);
    link.href = url;
    const titleLang = translated ? locale : language;
    if (titleLang) link.lang = titleLang;
    heading.append(link);
    item.append(heading);

    const details = [
      { text: labelOf("type", hit.filters?.type?.[0]) },
      { text: labelOf("publisher", meta.publisher) },
      { text: formatDate(meta.date), date: meta.date, className: "meta-date" },
      { text: language ? labelOf("language", language) : "" },
    ].filter((detail) => detail.text);
    const metaLine = element("p", "search-hit-meta");
    details.forEach((detail, index) => {
      if (index) metaLine.append(" · ");
      const node = element(detail.date ? "time" : "span", detail.className ?? "", detail.text);
      if (detail.date) node.dateTime = detail.date;
      metaLine.append(node);
    });
    item.append(metaLine);

    const why = explainMatch(hit, topicTerms, language);
    if (why) item.append(explanation(why, language));
    // Not Pagefind's hit.excerpt: that can show the words a record adds for the index only.
    const words = resultText(hit);
    const text = pageExcerpt(hit, EXCERPT_WORDS, words);
    if (text) item.append(excerpt("search-hit-excerpt", text, language));

    // Pagefind's sub-results without their excerpts: partExcerpt makes the same with the language of each word.
    const found = (hit.sub_results ?? []).filter((sub) => PART_ANCHOR.test(sub.anchor?.id ?? "")).map((sub) => ({ anchor: sub.anchor }));
    // Slides holding a word the query matched only as typed without ø, æ or å, or as a part of: Pagefind credits those to none.
    const standIns = standInPartResults(hit, EXCERPT_WORDS, words).filter((part) => !found.some((sub) => sub.anchor.id === part.anchor.id));
    // Pagefind's first, then the rest; shown in the document's order.
    const partNumber = (part) => Number(PART_ANCHOR.exec(part.anchor.id)[2]);
    const parts = [...found, ...standIns].slice(0, MAX_PARTS).sort((a, b) => partNumber(a) - partNumber(b));
    if (parts.length) {
      const isSlide = PART_ANCHOR.exec(parts[0].anchor.id)[1] === "slide";
      const labelId = `search-hit-${n}-parts`;
      const label = element("p", "search-parts-label", t(isSlide ? "slide-matches" : "section-matches"));
      label.id = labelId;
      const list = element("ul", "search-parts");
      list.setAttribute("aria-labelledby", labelId);
      for (const sub of parts) {
        const [, kind, number] = PART_ANCHOR.exec(sub.anchor.id);
        const entry = element("li");
        const partLink = element("a");
        partLink.href = `${url}#${sub.anchor.id}`;
        partLink.append(element("span", "search-part-number", t(kind === "slide" ? "slide" : "section", { n: number })));
        const title = (sub.anchor.text ?? "").trim();
        if (title) {
          partLink.append(": ");
          const span = element("span", "", title);
          if (language) span.lang = language;
          partLink.append(span);
        }
        entry.append(partLink);
        const partText = sub.excerpt ?? partExcerpt(hit, sub.anchor, EXCERPT_WORDS, words);
        if (partText) entry.append(excerpt("search-part-excerpt", partText, language));
        list.append(entry);
      }
      item.append(label, list);
    }
    return item;
  };

  // ----- events

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(debounce);
    search();
  });
  input.addEventListener("input", () => {
    clearTimeout(debounce);
    debounce = setTimeout(search, DEBOUNCE_MS);
  });
  for (const box of checkboxes) box.addEventListener("change", () => search());
  sortSelect.addEventListener("change", () => search());
  clearButton.addEventListener("click", () => {
    for (const box of checkboxes) box.checked = false;
    search();
  });
  moreButton.addEventListener("click", () => showMore());
  // Reaching for the filters (pointer, keyboard focus, or unfolding them on a narrow screen)
  // loads their counts, usually before a box is ticked.
  if (filterPanel) {
    filterPanel.addEventListener("pointerenter", wantCounts);
    filterPanel.addEventListener("focusin", wantCounts);
    filterPanel.addEventListener("toggle", () => filterPanel.open && wantCounts());
  }

  restoreFromUrl();
  search();
}
