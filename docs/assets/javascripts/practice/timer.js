// Mock-interview timer for one exercise, on the data file's per-stage plan.
//
// State per exercise: whether it runs, when it last started (epoch ms), the
// time banked before that, which stage the reader is on and when that stage
// began. Time is always derived from Date.now(), so the timer stays right
// across reloads and instant navigation away and back.
import { load, save } from "./store.js";
import { exerciseData } from "./notes.js";

let ticker = null;

const blank = () => ({ running: false, startedAt: 0, banked: 0, stage: 0, stageStart: 0 });

function state(id) {
  const saved = load("timers")[id];
  return saved && typeof saved.banked === "number" ? { ...blank(), ...saved } : blank();
}

function store(id, value) {
  save("timers", { ...load("timers"), [id]: value });
}

function elapsed(s, now) {
  return s.banked + (s.running ? Math.max(0, now - s.startedAt) : 0);
}

export function clock(ms) {
  const sign = ms < 0 ? "-" : "";
  const total = Math.floor(Math.abs(ms) / 1000);
  return `${sign}${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

function render(panel, data) {
  const s = state(data.id);
  const now = Date.now();
  const spent = elapsed(s, now);
  const stage = data.stages[Math.min(s.stage, data.stages.length - 1)];
  const plan = data.stages.reduce((sum, st) => sum + st.minutes, 0) * 60000;
  const stageLeft = stage.minutes * 60000 - (spent - s.stageStart);
  const overrun = stageLeft < 0;
  panel.querySelector("[data-part=stage]").textContent = stage.title;
  panel.querySelector("[data-part=stage-left]").textContent = overrun ? `${clock(-stageLeft)} over` : clock(stageLeft);
  panel.querySelector("[data-part=total-left]").textContent = clock(plan - spent);
  panel.classList.toggle("mock-timer--overrun", overrun);
  panel.classList.toggle("mock-timer--running", s.running);
  const toggle = panel.querySelector("[data-action=toggle]");
  toggle.textContent = s.running ? "Pause" : spent > 0 ? "Resume" : "Start";
  panel.querySelector("[data-action=next]").disabled = s.stage >= data.stages.length - 1 || spent === 0;
  for (const heading of document.querySelectorAll("h2.stage--current")) heading.classList.remove("stage--current");
  if (spent > 0) document.getElementById(stage.id)?.classList.add("stage--current");
}

function act(panel, data, action) {
  const s = state(data.id);
  const now = Date.now();
  if (action === "toggle") {
    if (s.running) Object.assign(s, { running: false, banked: elapsed(s, now) });
    else Object.assign(s, { running: true, startedAt: now });
  } else if (action === "next") {
    Object.assign(s, { stage: Math.min(s.stage + 1, data.stages.length - 1), stageStart: elapsed(s, now) });
  } else if (action === "reset") {
    Object.assign(s, blank());
  }
  store(data.id, s);
  render(panel, data);
}

function build(panel, data) {
  panel.innerHTML = `
    <p class="mock-timer__title"><strong>Mock-interview timer</strong> · ${data.stages.reduce((a, s) => a + s.minutes, 0)} minutes on the plan above</p>
    <dl class="mock-timer__readout" aria-live="off">
      <div><dt>Current stage</dt><dd data-part="stage"></dd></div>
      <div><dt>Left in this stage</dt><dd data-part="stage-left"></dd></div>
      <div><dt>Left in the interview</dt><dd data-part="total-left"></dd></div>
    </dl>
    <div class="mock-timer__controls">
      <button type="button" class="md-button md-button--primary" data-action="toggle">Start</button>
      <button type="button" class="md-button" data-action="next">Next stage</button>
      <button type="button" class="md-button" data-action="reset">Reset</button>
    </div>`;
  for (const btn of panel.querySelectorAll("button[data-action]")) {
    btn.addEventListener("click", () => act(panel, data, btn.dataset.action));
  }
}

document$.subscribe(() => {
  clearInterval(ticker);
  const data = exerciseData();
  const panel = document.querySelector(".mock-timer[data-exercise]");
  if (!data || !panel) return;
  if (!panel.dataset.bound) {
    panel.dataset.bound = "true";
    build(panel, data);
  }
  render(panel, data);
  ticker = setInterval(() => render(panel, data), 1000);
});
