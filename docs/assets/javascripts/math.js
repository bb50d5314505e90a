// Typesets formulas with the self-hosted KaTeX, on pages that have any.
//
// pymdownx.arithmatex (generic mode) leaves \( \) and \[ \] delimiters in
// elements with class "arithmatex". KaTeX (~300 kB with its fonts) is loaded
// the first time such a page is shown, never on pages without formulas. This
// runs on every page view through the theme's document$ observable.

const base = new URL("../vendor/katex/", import.meta.url);
let katexReady = null;

function loadKatex() {
  if (!katexReady) {
    const css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = new URL("katex.min.css", base).href;
    document.head.appendChild(css);
    const script = (name) =>
      new Promise((resolve, reject) => {
        const el = document.createElement("script");
        el.src = new URL(name, base).href;
        el.onload = resolve;
        el.onerror = () => reject(new Error(`could not load ${el.src}`));
        document.head.appendChild(el);
      });
    katexReady = script("katex.min.js").then(() => script("auto-render.min.js"));
  }
  return katexReady;
}

// Formulas are typeset as they come near the viewport, so a long page does
// not pay for all of them (or for KaTeX at all) before the reader scrolls.
// Printing typesets everything first.
let observer = null;

// Typesetting runs in slices of about 30 ms, each its own task, so that a
// screenful of formulas never blocks taps and scrolling for long. The slices
// are chained through a MessageChannel, a task that timers do not delay.
const queue = [];
const slice = new MessageChannel();
let draining = false;

function typesetNow(el) {
  window.renderMathInElement(el, {
    delimiters: [
      { left: "\\(", right: "\\)", display: false },
      { left: "\\[", right: "\\]", display: true },
    ],
    throwOnError: false,
  });
}

function drain(budget) {
  const end = performance.now() + budget;
  while (queue.length && performance.now() < end) typesetNow(queue.shift());
  draining = queue.length > 0;
  if (draining) slice.port2.postMessage(null);
}
slice.port1.onmessage = () => drain(30);

function render(el, now = false) {
  if (el.dataset.typeset) return;
  el.dataset.typeset = "true";
  if (now) return typesetNow(el);
  loadKatex().then(() => {
    queue.push(el);
    if (!draining) {
      draining = true;
      slice.port2.postMessage(null);
    }
  });
}

function typeset() {
  if (observer) observer.disconnect();
  const blocks = document.querySelectorAll(".arithmatex");
  if (blocks.length === 0) return;
  if (!("IntersectionObserver" in window)) {
    blocks.forEach((el) => render(el));
    return;
  }
  observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          render(entry.target);
        }
      }
    },
    { rootMargin: "600px 0px" },
  );
  blocks.forEach((el) => observer.observe(el));
}

window.addEventListener("beforeprint", () => {
  // With KaTeX already loaded, every formula is typeset before the page
  // prints; otherwise they follow as soon as it arrives.
  const ready = Boolean(window.renderMathInElement);
  if (ready) drain(Infinity);
  document.querySelectorAll(".arithmatex").forEach((el) => render(el, ready));
});
document$.subscribe(typeset);
