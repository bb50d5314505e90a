// Versioned, fault-tolerant storage for the practice tools.
//
// Each feature keeps its own localStorage entry, "mlsd:<name>", holding
// {"v": VERSION, "data": {...}}. A corrupt, foreign or unknown-version entry
// is set aside under "mlsd:<name>:unreadable" and the feature starts empty,
// so one bad value never breaks a page or another feature's data. When the
// browser refuses to store anything (private mode, quota), the tools keep
// working in memory for the current page and say so once.

export const VERSION = 1;
const PREFIX = "mlsd:";
const memory = new Map();
let storageWorks = null;
const listeners = new Set();

function backend() {
  if (storageWorks === false) return null;
  try {
    const probe = `${PREFIX}probe`;
    window.localStorage.setItem(probe, "1");
    window.localStorage.removeItem(probe);
    storageWorks = true;
    return window.localStorage;
  } catch {
    storageWorks = false;
    notify("unavailable");
    return null;
  }
}

function notify(kind) {
  for (const listener of listeners) listener(kind);
}

export function onProblem(listener) {
  listeners.add(listener);
}

export function storageAvailable() {
  return backend() !== null;
}

function migrate(name, entry) {
  // Future versions convert older entries here. Version 1 is the first.
  return entry && entry.v === VERSION && entry.data && typeof entry.data === "object" && !Array.isArray(entry.data)
    ? entry.data
    : null;
}

export function load(name) {
  if (memory.has(name)) return memory.get(name);
  const store = backend();
  let data = {};
  if (store) {
    const raw = store.getItem(PREFIX + name);
    if (raw !== null) {
      let parsed = null;
      try {
        parsed = migrate(name, JSON.parse(raw));
      } catch {
        parsed = null;
      }
      if (parsed) {
        data = parsed;
      } else {
        try {
          store.setItem(`${PREFIX}${name}:unreadable`, raw);
          store.removeItem(PREFIX + name);
        } catch {
          /* nothing more to save */
        }
        notify("corrupt");
      }
    }
  }
  memory.set(name, data);
  return data;
}

export function save(name, data) {
  memory.set(name, data);
  const store = backend();
  if (!store) return false;
  try {
    store.setItem(PREFIX + name, JSON.stringify({ v: VERSION, data }));
    return true;
  } catch {
    storageWorks = false;
    notify("unavailable");
    return false;
  }
}

export function names() {
  return ["checklists", "notes", "timers", "ratings", "cards"];
}

// Re-read from storage on the next load (after an import, or in tests).
export function forget() {
  memory.clear();
}
