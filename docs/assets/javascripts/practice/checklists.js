// Remembered checklists: every generated checklist item gets a labelled
// checkbox. Ticks are stored under "<scope>/<item id>" (scope names the page:
// exercise:fraud-detection, cheat-sheet, chapter:data), so they survive a
// rewording of the item, reloads, instant navigation and new sessions.
import { load, save } from "./store.js";

export function ticks() {
  return load("checklists");
}

export function isTicked(scope, item) {
  return Boolean(ticks()[`${scope}/${item}`]);
}

export function setTicked(scope, item, value) {
  const data = { ...ticks() };
  if (value) data[`${scope}/${item}`] = true;
  else delete data[`${scope}/${item}`];
  save("checklists", data);
}

export function countTicked(scope) {
  const prefix = `${scope}/`;
  return Object.keys(ticks()).filter((key) => key.startsWith(prefix)).length;
}

function progressText(done, total) {
  return `${done} of ${total} covered`;
}

function bindList(list) {
  if (list.dataset.bound) return;
  list.dataset.bound = "true";
  const scope = list.dataset.scope;
  const items = [...list.querySelectorAll("li.checklist__item")];
  const status = document.createElement("p");
  status.className = "checklist__progress";
  status.setAttribute("role", "status");
  list.before(status);
  const update = () => {
    const done = items.filter((li) => li.querySelector("input.checklist__box").checked).length;
    status.textContent = progressText(done, items.length);
  };
  for (const li of items) {
    const item = li.dataset.item;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.className = "checklist__box";
    box.id = `check-${scope.replace(/[^a-z0-9-]/g, "-")}-${item}`;
    const text = li.querySelector("a:not(.headerlink)")?.textContent.trim() || item;
    box.setAttribute("aria-label", `Covered: ${text}`);
    box.checked = isTicked(scope, item);
    box.addEventListener("change", () => {
      setTicked(scope, item, box.checked);
      update();
    });
    li.prepend(box);
  }
  list.classList.add("checklist--interactive");
  update();
}

function bindProgressCells() {
  for (const cell of document.querySelectorAll("td.progress-cell[data-scope]")) {
    const done = countTicked(cell.dataset.scope);
    cell.textContent = done ? `${done} / ${cell.dataset.total}` : "–";
  }
}

document$.subscribe(() => {
  for (const list of document.querySelectorAll("ul.checklist[data-scope]")) bindList(list);
  bindProgressCells();
});
