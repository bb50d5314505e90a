// One place on the page where the practice tools explain storage problems.
import { onProblem } from "./store.js";

const MESSAGES = {
  unavailable: "This browser is not letting the site store anything (private mode or full storage), so your progress will not be saved after you leave this page.",
  corrupt: "Some saved progress could not be read and was set aside; everything else you saved is still here.",
};

let shown = new Set();

export function resetNotices() {
  shown = new Set();
}

function show(kind) {
  if (shown.has(kind)) return;
  shown.add(kind);
  const article = document.querySelector("article.md-content__inner");
  if (!article) return;
  const box = document.createElement("div");
  box.className = "admonition warning practice-notice";
  box.setAttribute("role", "status");
  box.dataset.notice = kind;
  const title = document.createElement("p");
  title.className = "admonition-title";
  title.textContent = kind === "unavailable" ? "Progress is not being saved" : "Saved progress repaired";
  const body = document.createElement("p");
  body.textContent = MESSAGES[kind];
  box.append(title, body);
  const heading = article.querySelector("h1");
  (heading || article.firstChild).after(box);
}

onProblem(show);
// A new page view may need to tell its reader again.
document$.subscribe(resetNotices);
