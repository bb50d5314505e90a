// Typesets formulas with the self-hosted KaTeX, on pages that have any.
//
// pymdownx.arithmatex (generic mode) leaves \( \) and \[ \] delimiters in
// elements with class "arithmatex". KaTeX (~300 kB with its fonts) is loaded
// the first time such a page is shown, never on pages without formulas. This
// runs on every page view, including Material's instant navigation, through
// the theme's document$ observable.

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

function render(el) {
  if (el.dataset.typeset) return;
  el.dataset.typeset = "true";
  loadKatex().then(() => {
    window.renderMathInElement(el, {
      delimiters: [
        { left: "\\(", right: "\\)", display: false },
        { left: "\\[", right: "\\]", display: true },
      ],
      throwOnError: false,
    });
  });
}

function typeset() {
  if (observer) observer.disconnect();
  const blocks = document.querySelectorAll(".arithmatex");
  if (blocks.length === 0) return;
  if (!("IntersectionObserver" in window)) {
    blocks.forEach(render);
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

window.addEventListener("beforeprint", () => document.querySelectorAll(".arithmatex").forEach(render));
document$.subscribe(typeset);
