// Client-side filters for generated tables (exercises, case studies).
//
// The build renders <div class="filters" data-filter-for="TABLE_ID" hidden>
// with one <select data-filter="KEY"> per facet, and table rows carrying
// data-KEY="space separated values". Without JavaScript every row shows and
// the controls stay hidden. The choice is mirrored in the query string
// (?domain=nlp&difficulty=warm-up), so a filtered view can be shared.

function bind(container) {
  if (container.dataset.bound) return; // instant navigation may show the same node again
  container.dataset.bound = "true";
  const table = document.getElementById(container.dataset.filterFor);
  if (!table) return;
  const selects = [...container.querySelectorAll("select[data-filter]")];
  const rows = [...table.querySelectorAll("tbody tr")];
  const count = container.querySelector(".filters__count");
  const params = new URLSearchParams(location.search);

  for (const select of selects) {
    const wanted = params.get(select.dataset.filter);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }

  function apply() {
    let shown = 0;
    for (const row of rows) {
      const match = selects.every((s) => !s.value || (row.dataset[s.dataset.filter] || "").split(" ").includes(s.value));
      row.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = shown === rows.length ? `Showing all ${rows.length}` : `Showing ${shown} of ${rows.length}`;
    const url = new URL(location.href);
    for (const s of selects) {
      if (s.value) url.searchParams.set(s.dataset.filter, s.value);
      else url.searchParams.delete(s.dataset.filter);
    }
    history.replaceState(history.state, "", url);
  }

  for (const select of selects) select.addEventListener("change", apply);
  container.querySelector("[data-filter-reset]").addEventListener("click", () => {
    for (const s of selects) s.value = "";
    apply();
  });
  container.hidden = false;
  apply();
}

document$.subscribe(() => {
  for (const container of document.querySelectorAll(".filters[data-filter-for]")) bind(container);
});
