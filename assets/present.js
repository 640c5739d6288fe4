/*
 * Presentation mode for decks: one slide per screen. Progressive enhancement:
 * without this script the page is a readable list of slides; with it, a
 * "Presentation mode" button appears. In presentation mode:
 *   → ↓ PageDown: next slide · ← ↑ PageUp: previous · Home/End: first/last
 *   F or the "Full screen" button: the screen to the deck, where the browser allows it (a frame needs allowfullscreen)
 *   Esc: out of full screen (the browser's own), else back to the page, at the slide you were on.
 * The URL keeps the slide's anchor (#slide-N), so a link or a reload opens the
 * same slide; the slide counter is announced through an aria-live region.
 * UI text comes from data-present-* attributes on the deck (one file serves
 * every language). No inline script or style is needed: a strict CSP works.
 */
(function () {
  "use strict";
  var deck = document.querySelector(".deck[data-present-controls]");
  if (!deck) return;
  var slides = Array.prototype.filter.call(deck.children, function (child) {
    return child.classList.contains("slide") && child.id;
  });
  if (slides.length === 0) return;

  // The embed view (an <iframe> on another site) is always in presentation mode: no start or exit, nothing made inert.
  var embedded = deck.getAttribute("data-present-embedded") === "true";
  var STORAGE_KEY = "lysark-presenting";
  var uiLang = deck.getAttribute("data-present-lang") || document.documentElement.lang;
  var current = 0;
  var presenting = false;
  var inerted = [];

  function text(name) {
    return deck.getAttribute("data-present-" + name) || "";
  }

  function button(label, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = className;
    element.textContent = label;
    return element;
  }

  // The start button is in the document page's header (layouts/pages/document.njk), hidden and disabled until now.
  var launch = embedded ? null : document.querySelector(".present-launch");
  var startButton = launch && launch.querySelector(".present-start");
  if (startButton) {
    launch.hidden = false;
    startButton.disabled = false;
  }

  // Controls shown while presenting, inside the deck so they stay usable when the rest is inert.
  var controls = document.createElement("div");
  controls.className = "present-controls";
  controls.setAttribute("role", "group");
  controls.setAttribute("aria-label", text("controls"));
  controls.lang = uiLang;
  controls.hidden = true;
  var previousButton = button(text("previous"), "button button-secondary present-previous");
  var counter = document.createElement("p");
  counter.className = "present-counter";
  counter.setAttribute("aria-live", "polite");
  counter.setAttribute("aria-atomic", "true");
  var nextButton = button(text("next"), "button present-next");
  var exitButton = button(text("exit"), "button button-secondary present-exit");
  // Only where the browser allows it: a frame without allowfullscreen does not.
  var canFullscreen = !!(document.fullscreenEnabled && document.documentElement.requestFullscreen);
  var fullscreenButton = canFullscreen ? button(text("fullscreen"), "button button-secondary present-fullscreen") : null;
  if (fullscreenButton) fullscreenButton.setAttribute("aria-pressed", "false");
  controls.appendChild(previousButton);
  controls.appendChild(counter);
  controls.appendChild(nextButton);
  if (fullscreenButton) controls.appendChild(fullscreenButton);
  if (!embedded) controls.appendChild(exitButton);
  deck.appendChild(controls);

  function slideIndexFromHash() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return -1; // "#%" or a broken escape in a shared link: no slide, not a broken deck
    }
    for (var i = 0; i < slides.length; i++) if (slides[i].id === id) return i;
    return -1;
  }

  /** The language switcher leads to the same slide in the other language (slides have the same ids in both). */
  function keepSlideInSwitcher() {
    var id = slideIndexFromHash() >= 0 ? window.location.hash : "";
    document.querySelectorAll(".lang-switcher a[href]").forEach(function (link) {
      var target = new URL(link.href);
      target.hash = id;
      // Path and all, no origin: the link stays as the page wrote it, but for its fragment.
      link.setAttribute("href", target.pathname + target.search + target.hash);
    });
  }

  /** The first slide whose bottom is below the top of the window: the one being read. */
  function slideInView() {
    for (var i = 0; i < slides.length; i++) if (slides[i].getBoundingClientRect().bottom > 80) return i;
    return 0;
  }

  function counterText(n) {
    return text("counter").replace("{n}", String(n)).replace("{count}", String(slides.length));
  }

  /** Makes everything outside the deck inert (unreachable by keyboard, mouse and screen readers). */
  function setOutsideInert(on) {
    if (on) {
      for (var node = deck; node && node !== document.body; node = node.parentElement) {
        var siblings = node.parentElement ? node.parentElement.children : [];
        for (var i = 0; i < siblings.length; i++) {
          var sibling = siblings[i];
          if (sibling !== node && !sibling.inert && sibling.tagName !== "SCRIPT") {
            sibling.inert = true;
            inerted.push(sibling);
          }
        }
      }
    } else {
      inerted.forEach(function (element) { element.inert = false; });
      inerted = [];
    }
  }

  function show(index, options) {
    current = Math.max(0, Math.min(slides.length - 1, index));
    slides.forEach(function (slide, i) {
      slide.classList.toggle("is-current", i === current);
    });
    previousButton.setAttribute("aria-disabled", current === 0 ? "true" : "false");
    nextButton.setAttribute("aria-disabled", current === slides.length - 1 ? "true" : "false");
    counter.textContent = counterText(current + 1);
    var hash = "#" + slides[current].id;
    if (window.location.hash !== hash) history.replaceState(null, "", hash);
    keepSlideInSwitcher();
    deck.scrollTop = 0;
    // Focus follows the slide unless the user is on one of the controls.
    if (!(options && options.keepFocus) && !controls.contains(document.activeElement)) {
      slides[current].setAttribute("tabindex", "-1");
      slides[current].focus({ preventScroll: true });
    }
  }

  function enter(index) {
    if (presenting) return;
    presenting = true;
    // In a frame a slide becomes focusable only when focus is to follow it (show): the browser focuses a focusable
    // slide the URL's fragment names as the page loads, and draws its ring in a view no one has used yet.
    if (!embedded) slides.forEach(function (slide) { slide.setAttribute("tabindex", "-1"); });
    document.documentElement.classList.add("presenting");
    deck.classList.add("is-presenting");
    controls.hidden = false;
    if (embedded) {
      // Focus stays where the reader is: moving it would scroll the page that holds the frame.
      show(index, { keepFocus: true });
      return;
    }
    setOutsideInert(true);
    try { sessionStorage.setItem(STORAGE_KEY, window.location.pathname); } catch (error) { /* storage may be off */ }
    show(index);
  }

  function exit() {
    if (!presenting || embedded) return;
    presenting = false;
    setOutsideInert(false);
    document.documentElement.classList.remove("presenting");
    deck.classList.remove("is-presenting");
    controls.hidden = true;
    slides.forEach(function (slide) { slide.classList.remove("is-current"); });
    if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    try { sessionStorage.removeItem(STORAGE_KEY); } catch (error) { /* storage may be off */ }
    // Back on the page, at the slide that was shown.
    var slide = slides[current];
    slide.focus({ preventScroll: true });
    slide.scrollIntoView({ block: "start" });
  }

  /** The whole page goes full screen, so the deck keeps its presenting layout and the controls stay with it. */
  function toggleFullscreen() {
    if (!canFullscreen) return;
    var request = document.fullscreenElement ? document.exitFullscreen() : document.documentElement.requestFullscreen();
    // Refused (no user action, a policy): the deck stays as it is.
    if (request && request.catch) request.catch(function () {});
  }

  document.addEventListener("fullscreenchange", function () {
    if (fullscreenButton) fullscreenButton.setAttribute("aria-pressed", document.fullscreenElement ? "true" : "false");
  });

  function step(delta) {
    show(current + delta, { keepFocus: controls.contains(document.activeElement) });
  }

  // A swipe across the slide (touch or pen) moves to the next or the previous one, as on a hosted slide site; a tap, a
  // mouse drag (selecting text) or a scroll up and down does not. The deck takes horizontal pans (site.css, touch-action).
  var SWIPE = 50;
  var swipeStart = null;
  deck.addEventListener("pointerdown", function (event) {
    swipeStart = presenting && event.isPrimary && event.pointerType !== "mouse" ? { x: event.clientX, y: event.clientY } : null;
  });
  deck.addEventListener("pointercancel", function () { swipeStart = null; });
  deck.addEventListener("pointerup", function (event) {
    if (!swipeStart || !presenting || !event.isPrimary) return;
    var dx = event.clientX - swipeStart.x;
    var dy = event.clientY - swipeStart.y;
    swipeStart = null;
    if (Math.abs(dx) < SWIPE || Math.abs(dx) < 2 * Math.abs(dy)) return;
    if (dx < 0 && current < slides.length - 1) step(1);
    else if (dx > 0 && current > 0) step(-1);
  });

  if (startButton) startButton.addEventListener("click", function () {
    var fromHash = slideIndexFromHash();
    enter(fromHash >= 0 ? fromHash : slideInView());
  });
  previousButton.addEventListener("click", function () { if (current > 0) step(-1); });
  nextButton.addEventListener("click", function () { if (current < slides.length - 1) step(1); });
  exitButton.addEventListener("click", exit);
  if (fullscreenButton) fullscreenButton.addEventListener("click", toggleFullscreen);

  document.addEventListener("keydown", function (event) {
    if (!presenting || event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    var target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [contenteditable]")) return;
    var key = event.key;
    var canScroll = deck.scrollHeight > deck.clientHeight + 1;
    if (key === "Escape") exit();
    else if (key === "ArrowRight" || key === "PageDown") step(1);
    else if (key === "ArrowLeft" || key === "PageUp") step(-1);
    // Up and down scroll a slide that is taller than the screen, and move between slides at its ends.
    else if (key === "ArrowDown" && !(canScroll && deck.scrollTop + deck.clientHeight < deck.scrollHeight - 1)) step(1);
    else if (key === "ArrowUp" && !(canScroll && deck.scrollTop > 0)) step(-1);
    else if (key === "Home") show(0, { keepFocus: controls.contains(document.activeElement) });
    else if (key === "End") show(slides.length - 1, { keepFocus: controls.contains(document.activeElement) });
    else if (key === "f" || key === "F") toggleFullscreen();
    else return;
    event.preventDefault();
  });

  window.addEventListener("hashchange", function () {
    keepSlideInSwitcher();
    var index = slideIndexFromHash();
    if (presenting && index >= 0 && index !== current) show(index);
  });

  keepSlideInSwitcher();

  if (embedded) {
    var start = slideIndexFromHash();
    enter(start >= 0 ? start : 0);
    // The browser scrolls the slide the fragment names to the top of the frame, past the view's title bar, once the
    // page has loaded; the frame shows the view from its top.
    window.addEventListener("load", function () {
      setTimeout(function () { window.scrollTo(0, 0); }, 0);
    });
    return;
  }

  // A reload (or the back button) while presenting comes back to the same slide.
  var remembered = null;
  try { remembered = sessionStorage.getItem(STORAGE_KEY); } catch (error) { /* storage may be off */ }
  if (remembered === window.location.pathname && slideIndexFromHash() >= 0) enter(slideIndexFromHash());
})();
