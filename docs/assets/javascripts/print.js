// Printing: the stylesheet prints every tab of a tabbed block, one after the
// other; this gives each tab's content its label, so the printout says which
// alternative is which. (Folds open on beforeprint through the theme, and
// math.js typesets every formula then.)

document$.subscribe(() => {
  for (const set of document.querySelectorAll(".tabbed-set")) {
    const labels = set.querySelectorAll(":scope > .tabbed-labels > label");
    const blocks = set.querySelectorAll(":scope > .tabbed-content > .tabbed-block");
    blocks.forEach((block, i) => {
      if (labels[i]) block.dataset.printLabel = labels[i].textContent.trim();
    });
  }
});
