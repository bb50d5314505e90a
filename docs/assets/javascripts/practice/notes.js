// Notes per stage on answer templates, autosaved as you type, and the
// exercise exported as Markdown (copy or download) or cleared.
import { load, save } from "./store.js";
import { isTicked, setTicked } from "./checklists.js";

export function exerciseData(root = document) {
  const island = root.querySelector(".practice-data[data-json]");
  return island ? JSON.parse(island.dataset.json) : null;
}

function notes() {
  return load("notes");
}

export function noteFor(exercise, stage) {
  return notes()[`${exercise}/${stage}`] || "";
}

function setNote(exercise, stage, text) {
  const data = { ...notes() };
  if (text.trim()) data[`${exercise}/${stage}`] = text;
  else delete data[`${exercise}/${stage}`];
  save("notes", data);
}

// The exported document: title, prompt, then each stage with its ticked
// items and the reader's notes. Stages with neither say so.
export function toMarkdown(data) {
  const scope = `exercise:${data.id}`;
  const lines = [`# ${data.title}`, "", `> ${data.prompt}`, ""];
  for (const stage of data.stages) {
    lines.push(`## ${stage.title}`, "");
    const ticked = stage.items.filter((item) => isTicked(scope, item.id));
    for (const item of ticked) lines.push(`- [x] ${item.text}`);
    if (ticked.length) lines.push("");
    const note = noteFor(data.id, stage.id).trim();
    if (note) lines.push(note, "");
    if (!ticked.length && !note) lines.push("_Nothing recorded yet._", "");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function status(container, message) {
  const out = container.querySelector(".practice-actions__status");
  out.textContent = message;
}

async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}

function button(label, onClick) {
  const el = document.createElement("button");
  el.type = "button";
  el.className = "md-button";
  el.textContent = label;
  el.addEventListener("click", onClick);
  return el;
}

function bindActions(container, data) {
  if (container.dataset.bound) return;
  container.dataset.bound = "true";
  const out = document.createElement("p");
  out.className = "practice-actions__status";
  out.setAttribute("role", "status");
  container.append(
    button("Copy my answer as Markdown", async () => {
      status(container, (await copy(toMarkdown(data))) ? "Copied as Markdown" : "Copy failed: use Download .md");
    }),
    button("Download .md", () => {
      const blob = new Blob([toMarkdown(data)], { type: "text/markdown;charset=utf-8" });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = `${data.id}.md`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
      status(container, `Downloaded ${data.id}.md`);
    }),
    button("Clear this exercise", () => {
      if (!window.confirm("Clear every tick and note for this exercise? This cannot be undone.")) return;
      for (const stage of data.stages) {
        for (const item of stage.items) setTicked(`exercise:${data.id}`, item.id, false);
        setNote(data.id, stage.id, "");
      }
      for (const box of document.querySelectorAll("ul.checklist input.checklist__box")) {
        box.checked = false;
        box.dispatchEvent(new Event("change"));
      }
      for (const area of document.querySelectorAll(".stage-notes textarea")) area.value = "";
      status(container, "Cleared");
    }),
    out,
  );
}

function bindNotes(container, data) {
  if (container.dataset.bound) return;
  container.dataset.bound = "true";
  const stage = data.stages.find((s) => s.id === container.dataset.stage);
  const id = `notes-${data.id}-${stage.id}`;
  const label = document.createElement("label");
  label.htmlFor = id;
  label.textContent = `Your notes for ${stage.title}`;
  const area = document.createElement("textarea");
  area.id = id;
  area.rows = 4;
  area.value = noteFor(data.id, stage.id);
  let timer = null;
  area.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => setNote(data.id, stage.id, area.value), 250);
  });
  area.addEventListener("blur", () => {
    clearTimeout(timer);
    setNote(data.id, stage.id, area.value);
  });
  container.append(label, area);
}

document$.subscribe(() => {
  const data = exerciseData();
  if (!data) return;
  for (const el of document.querySelectorAll(".practice-actions[data-exercise]")) bindActions(el, data);
  for (const el of document.querySelectorAll(".stage-notes[data-exercise]")) bindNotes(el, data);
});
