// One JSON file with all progress, and an import that merges it back.
import { VERSION, forget, load, names, save } from "./store.js";

const APP = "mlsd-guide";

export function exportAll() {
  const data = {};
  for (const name of names()) data[name] = load(name);
  return { app: APP, version: VERSION, exported: new Date().toISOString(), data };
}

// Merge: keys from the file are added; where both sides have a key, the file
// wins. Nested maps (ratings per exercise, timers per exercise) merge too.
export function importAll(payload) {
  if (!payload || payload.app !== APP || typeof payload.data !== "object") {
    throw new Error("This file is not a progress backup from this site.");
  }
  if (payload.version !== VERSION) throw new Error(`Backups of version ${payload.version} cannot be read by this site.`);
  let count = 0;
  for (const name of names()) {
    const incoming = payload.data[name];
    if (!incoming || typeof incoming !== "object" || Array.isArray(incoming)) continue;
    const merged = { ...load(name) };
    for (const [key, value] of Object.entries(incoming)) {
      const mine = merged[key];
      merged[key] =
        mine && typeof mine === "object" && value && typeof value === "object" && name === "ratings"
          ? { ...mine, ...value }
          : value;
      count += 1;
    }
    save(name, merged);
  }
  forget();
  return count;
}

function bind(box) {
  if (box.dataset.bound) return;
  box.dataset.bound = "true";
  box.innerHTML = `
    <button type="button" class="md-button md-button--primary" data-action="export">Download my progress (.json)</button>
    <label class="progress-backup__import">Import a backup <input type="file" accept="application/json,.json" data-action="import"></label>
    <p class="progress-backup__status" role="status"></p>`;
  const status = box.querySelector(".progress-backup__status");
  box.querySelector("[data-action=export]").addEventListener("click", () => {
    const blob = new Blob([JSON.stringify(exportAll(), null, 2)], { type: "application/json" });
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = `mlsd-guide-progress-${new Date().toISOString().slice(0, 10)}.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    status.textContent = "Progress downloaded";
  });
  box.querySelector("[data-action=import]").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    try {
      const count = importAll(JSON.parse(await file.text()));
      status.textContent = `Imported ${count} saved entries`;
    } catch (error) {
      status.textContent = `Import failed: ${error.message}`;
    }
    event.target.value = "";
  });
}

document$.subscribe(() => {
  for (const box of document.querySelectorAll(".progress-backup")) bind(box);
});
