// Self-grading after the worked answer, and the weakest stages across all
// rated exercises on the progress page.
import { load, save } from "./store.js";

const SCORE = { missed: 0, partial: 1, covered: 2 };

export function ratings() {
  return load("ratings");
}

function bindForm(form) {
  if (form.dataset.bound) return;
  form.dataset.bound = "true";
  const exercise = form.dataset.exercise;
  const saved = ratings()[exercise] || {};
  for (const fieldset of form.querySelectorAll("fieldset[data-stage]")) {
    const stage = fieldset.dataset.stage;
    for (const radio of fieldset.querySelectorAll("input[type=radio]")) {
      radio.checked = saved[stage] === radio.value;
      radio.addEventListener("change", () => {
        const all = { ...ratings() };
        all[exercise] = { ...(all[exercise] || {}), [stage]: radio.value };
        save("ratings", all);
      });
    }
  }
}

// Average score per stage over every exercise with a rating for it.
export function stageAverages() {
  const totals = {};
  for (const byStage of Object.values(ratings())) {
    for (const [stage, value] of Object.entries(byStage || {})) {
      if (!(value in SCORE)) continue;
      totals[stage] = totals[stage] || { sum: 0, count: 0 };
      totals[stage].sum += SCORE[value];
      totals[stage].count += 1;
    }
  }
  return totals;
}

function rankStages(list) {
  if (list.dataset.bound) return;
  list.dataset.bound = "true";
  const totals = stageAverages();
  const items = [...list.querySelectorAll("li[data-stage]")];
  const rated = items.filter((li) => totals[li.dataset.stage]);
  if (!rated.length) {
    const empty = document.createElement("p");
    empty.className = "weak-stages__empty";
    empty.textContent = "No ratings yet: rate an exercise at the bottom of its page and your weakest stages will show here.";
    list.before(empty);
  }
  const score = (li) => {
    const t = totals[li.dataset.stage];
    return t ? t.sum / t.count : Infinity;
  };
  items.sort((a, b) => score(a) - score(b));
  for (const li of items) {
    const t = totals[li.dataset.stage];
    li.querySelector(".weak-stages__score").textContent = t
      ? `average ${(t.sum / t.count).toFixed(1)} of 2 over ${t.count} exercise${t.count === 1 ? "" : "s"}`
      : "not rated yet";
    list.append(li);
  }
}

document$.subscribe(() => {
  for (const form of document.querySelectorAll("form.self-grade[data-exercise]")) bindForm(form);
  for (const list of document.querySelectorAll("ol.weak-stages")) rankStages(list);
});
