// Dev server only (npm start): shows the content's current problems at the top
// of the page. The server keeps them in memory and reloads the page when they
// change, so no page has to be rendered again to show or clear them.
const slot = document.getElementById("lysark-dev-problems");
if (slot) {
  // The address comes from the page (data-problems-url), so it carries the site's base path like every link.
  fetch(`${slot.dataset.problemsUrl}?locale=${encodeURIComponent(slot.dataset.locale || "")}`, { cache: "no-store" })
    .then((response) => (response.ok ? response.text() : ""))
    .then((html) => {
      slot.innerHTML = html;
    })
    .catch(() => {});
}
