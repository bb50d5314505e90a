// On-site flashcard review with a small spaced schedule kept in storage:
// "Good" multiplies the card's interval (1, 3, 8, 20 ... days), "Again"
// brings it back in ten minutes.
import { load, save } from "./store.js";

const DAY = 24 * 60 * 60 * 1000;
const AGAIN = 10 * 60 * 1000;

function schedule() {
  return load("cards");
}

export function review(id, good, now = Date.now()) {
  const all = { ...schedule() };
  const card = all[id] || { interval: 0, due: 0 };
  const interval = good ? (card.interval ? Math.round(card.interval * 2.5) : 1) : 0;
  all[id] = { interval, due: now + (good ? interval * DAY : AGAIN) };
  save("cards", all);
}

function dueCards(cards, now = Date.now()) {
  const s = schedule();
  return cards.filter((c) => !s[c.id] || s[c.id].due <= now);
}

function bind(panel, deck) {
  if (panel.dataset.bound) return;
  panel.dataset.bound = "true";
  const cards = [...deck.querySelectorAll(".flashcard[data-card]")].map((el) => ({
    id: el.dataset.card,
    front: el.querySelector("dt").textContent,
    back: el.querySelector("dd").textContent,
  }));
  panel.innerHTML = `
    <p class="flashcard-review__count" role="status"></p>
    <div class="flashcard-review__card">
      <p class="flashcard-review__front"></p>
      <p class="flashcard-review__back" hidden></p>
    </div>
    <div class="flashcard-review__controls">
      <button type="button" class="md-button md-button--primary" data-action="show">Show answer</button>
      <button type="button" class="md-button" data-action="again" hidden>Again</button>
      <button type="button" class="md-button md-button--primary" data-action="good" hidden>Good</button>
    </div>`;
  const $ = (sel) => panel.querySelector(sel);
  let current = null;
  const next = () => {
    const due = dueCards(cards);
    $(".flashcard-review__count").textContent = `${due.length} of ${cards.length} cards due`;
    current = due[0] || null;
    $(".flashcard-review__front").textContent = current ? current.front : "Nothing due. Come back later, or review the whole deck below.";
    $(".flashcard-review__back").textContent = current ? current.back : "";
    $(".flashcard-review__back").hidden = true;
    $("[data-action=show]").hidden = !current;
    $("[data-action=again]").hidden = true;
    $("[data-action=good]").hidden = true;
  };
  $("[data-action=show]").addEventListener("click", () => {
    $(".flashcard-review__back").hidden = false;
    $("[data-action=show]").hidden = true;
    $("[data-action=again]").hidden = false;
    $("[data-action=good]").hidden = false;
    $("[data-action=good]").focus();
  });
  for (const action of ["again", "good"]) {
    $(`[data-action=${action}]`).addEventListener("click", () => {
      review(current.id, action === "good");
      next();
      $("[data-action=show]").focus();
    });
  }
  panel.hidden = false;
  next();
}

document$.subscribe(() => {
  const deck = document.querySelector("dl.flashcard-deck");
  const panel = document.querySelector(".flashcard-review");
  if (deck && panel) bind(panel, deck);
});
