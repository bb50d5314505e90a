// Code blocks that scroll sideways must be reachable by keyboard, so a reader
// can scroll them without a mouse (WCAG 2.1.1; axe: scrollable-region-focusable).
// Material marks such blocks when a page loads, but a block inside a closed
// fold has no width at that moment. This checks again whenever a fold opens,
// which also covers printing (the theme opens every fold before printing).

function mark(root) {
  for (const code of root.querySelectorAll("pre > code")) {
    if (code.scrollWidth > code.clientWidth && !code.hasAttribute("tabindex")) {
      code.setAttribute("tabindex", "0");
    }
  }
}

document$.subscribe(() => {
  mark(document);
  for (const fold of document.querySelectorAll("details")) {
    fold.addEventListener("toggle", () => {
      if (fold.open) mark(fold);
    });
  }
});
