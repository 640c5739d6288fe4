// Lysark search: a small UI on Pagefind's JS API (see docs/search.md).
//
// The index has one Pagefind bundle per body language (/pagefind/nb/, /pagefind/sv/ …),
// each with its own stemmer. This script opens one Pagefind instance per bundle, runs
// every query on all of them and merges the results, so a search from either UI locale
// finds documents in every language. Everything it shows comes from data- attributes
// and the server-rendered form (facet labels are translated there); no inline script.

const PAGE_SIZE = 10;
const MAX_PARTS = 5;
const EXCERPT_WORDS = 26;
const DEBOUNCE_MS = 250;
const FACETS = ["publisher", "topic", "type", "year", "language"];
const PART_ANCHOR = /^(slide|section)-(\d+)$/;

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

  fallback.hidden = true;
  app.hidden = false;
  // On a narrow screen the filters would push the results far down: start them folded.
  const filterPanel = root.querySelector("[data-search-filters]");
  if (filterPanel && window.matchMedia("(max-width: 48rem)").matches) filterPanel.open = false;

  let instances = null;
  let searchId = 0;
  let cursor = null;
  let shown = 0;
  let total = 0;
  let debounce = 0;

  const failed = (error) => {
    console.error("Lysark search could not run:", error);
    app.hidden = true;
    fallbackText.textContent = t("load-error");
    fallback.hidden = false;
  };

  const ready = (async () => {
    if (!bundles.length) throw new Error("the search page names no Pagefind bundle");
    // termSimilarity: Pagefind falls back to the longest indexed word a query word starts with
    // ("in" for "integrationen"); weigh such partial matches down so that a real match in
    // another language's bundle ranks above them.
    const ranking = { termSimilarity: 3 };
    // Each bundle's own copy of pagefind.js is a separate module with its own worker, so each
    // runs its own language's WebAssembly (stemmer). Instances created from one module share
    // one WebAssembly engine: the first one loaded, for every language.
    instances = await Promise.all(bundles.map(async (basePath) => {
      const pagefind = await import(new URL(`${basePath}pagefind.js`, document.baseURI).href);
      const instance = pagefind.createInstance({ basePath, excerptLength: EXCERPT_WORDS, ranking });
      await instance.init();
      // Pagefind loads filter data on demand and counts only the filters it has loaded:
      // load them all once, so every facet gets counts from the first search on.
      await instance.filters();
      return instance;
    }));
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
  };

  const writeUrl = (state) => {
    const params = new URLSearchParams();
    if (state.query) params.set("q", state.query);
    if (state.sort) params.set("sort", state.sort);
    for (const facet of FACETS) for (const value of state.filters[facet]) params.append(facet, value);
    const search = params.toString();
    const url = `${location.pathname}${search ? `?${search}` : ""}`;
    if (url !== `${location.pathname}${location.search}`) history.replaceState(null, "", url);
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

  const sortValue = (result) => result.meta?.date ?? null;

  /** Results of every bundle in relevance order (scores are comparable enough across bundles). */
  const relevanceCursor = (lists) => {
    const all = lists.flat().sort((a, b) => b.score - a.score);
    let position = 0;
    return async (count) => {
      const slice = all.slice(position, position + count);
      position += slice.length;
      return Promise.all(slice.map((result) => result.data()));
    };
  };

  /** Each bundle returns its results sorted by date; merge them, loading only what is shown. */
  const dateCursor = (lists, descending) => {
    const positions = lists.map(() => 0);
    const loaded = new Map();
    const dataOf = (result) => {
      if (!loaded.has(result)) loaded.set(result, result.data());
      return loaded.get(result);
    };
    // Undated documents go last in both directions, as in the index.
    const before = (a, b) => (a === null ? false : b === null ? true : descending ? a > b : a < b);
    return async (count) => {
      const out = [];
      while (out.length < count) {
        let best = -1;
        let bestData = null;
        for (let i = 0; i < lists.length; i++) {
          const list = lists[i];
          if (positions[i] >= list.length) continue;
          const candidate = await dataOf(list[positions[i]]);
          if (best < 0 || before(sortValue(candidate), sortValue(bestData))) {
            best = i;
            bestData = candidate;
          }
        }
        if (best < 0) break;
        positions[best]++;
        out.push(bestData);
      }
      return out;
    };
  };

  const updateCounts = (counts) => {
    for (const box of checkboxes) {
      const count = counts?.[box.name]?.[box.value] ?? 0;
      const target = box.closest("li")?.querySelector("[data-count]");
      if (target) target.textContent = `(${numberFormat.format(count)})`;
      box.closest("li")?.classList.toggle("facet-empty", count === 0 && !box.checked);
    }
  };

  const mergeCounts = (responses, field) => {
    const merged = {};
    for (const response of responses) {
      for (const [facet, values] of Object.entries(response?.[field] ?? {})) {
        merged[facet] ??= {};
        for (const [value, count] of Object.entries(values)) merged[facet][value] = (merged[facet][value] ?? 0) + count;
      }
    }
    return merged;
  };

  const showTotals = async () => {
    const all = await Promise.all(instances.map((instance) => instance.filters()));
    const merged = {};
    for (const counts of all) {
      for (const [facet, values] of Object.entries(counts)) {
        merged[facet] ??= {};
        for (const [value, count] of Object.entries(values)) merged[facet][value] = (merged[facet][value] ?? 0) + count;
      }
    }
    updateCounts(merged);
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
    if (!state.query && !hasFilters) {
      cursor = null;
      hitsList.replaceChildren();
      moreButton.hidden = true;
      setStatus(t("prompt"));
      await ready;
      if (id === searchId) await showTotals();
      return;
    }
    results.setAttribute("aria-busy", "true");
    try {
      await ready;
      const sort = state.sort === "newest" ? { newest: "desc" } : state.sort === "oldest" ? { oldest: "asc" } : undefined;
      const options = sort ? { filters, sort } : { filters };
      const responses = await Promise.all(instances.map((instance) => instance.search(state.query || null, options)));
      if (id !== searchId) return;
      const lists = responses.map((response) => response?.results ?? []);
      total = lists.reduce((sum, list) => sum + list.length, 0);
      cursor = sort ? dateCursor(lists, state.sort === "newest") : relevanceCursor(lists);
      shown = 0;
      // A facet's own choices are alternatives, so its counts leave its own selection out.
      const counts = mergeCounts(responses, "filters");
      for (const facet of Object.keys(filters)) {
        const others = { ...filters };
        delete others[facet];
        const without = await Promise.all(instances.map((instance) => instance.search(state.query || null, { filters: others })));
        counts[facet] = mergeCounts(without, "filters")[facet] ?? {};
      }
      if (id !== searchId) return;
      updateCounts(counts);
      const first = await cursor(PAGE_SIZE);
      if (id !== searchId) return;
      hitsList.replaceChildren(...first.map((hit) => renderHit(hit, ++shown)));
      moreButton.hidden = shown >= total;
      const count = numberFormat.format(total);
      const plural = total === 0 ? "zero" : total === 1 ? "one" : "many";
      setStatus(state.query ? t(`results-${plural}`, { count, query: state.query }) : t(`browse-${plural}`, { count }));
    } catch (error) {
      if (id === searchId) failed(error);
    } finally {
      if (id === searchId) results.removeAttribute("aria-busy");
    }
  };

  const showMore = async () => {
    if (!cursor) return;
    const id = searchId;
    const next = await cursor(PAGE_SIZE);
    if (id !== searchId || !next.length) return;
    const items = next.map((hit) => renderHit(hit, ++shown));
    hitsList.append(...items);
    moreButton.hidden = shown >= total;
    items[0].querySelector("a")?.focus();
  };

  // ----- rendering (text only: nothing from the index is parsed as HTML)

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  /** Pagefind excerpts are text with < and > escaped and <mark> around matches. */
  const excerpt = (className, html, lang) => {
    const paragraph = element("p", className);
    if (lang) paragraph.lang = lang;
    let mark = null;
    for (const piece of html.split(/(<\/?mark>)/)) {
      if (piece === "<mark>") {
        mark = element("mark");
        paragraph.append(mark);
      } else if (piece === "</mark>") {
        mark = null;
      } else if (piece) {
        (mark ?? paragraph).append(piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">"));
      }
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
      { text: formatDate(meta.date), date: meta.date },
      { text: language ? labelOf("language", language) : "" },
    ].filter((detail) => detail.text);
    const metaLine = element("p", "search-hit-meta");
    details.forEach((detail, index) => {
      if (index) metaLine.append(" · ");
      const node = element(detail.date ? "time" : "span", "", detail.text);
      if (detail.date) node.dateTime = detail.date;
      metaLine.append(node);
    });
    item.append(metaLine);

    if (hit.excerpt) item.append(excerpt("search-hit-excerpt", hit.excerpt, language));

    const parts = (hit.sub_results ?? []).filter((sub) => PART_ANCHOR.test(sub.anchor?.id ?? "")).slice(0, MAX_PARTS);
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
        if (sub.excerpt) entry.append(excerpt("search-part-excerpt", sub.excerpt, language));
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

  restoreFromUrl();
  search();
}
