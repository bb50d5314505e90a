// "Copy link" on every heading and checklist item.
//
// Headings get a permalink from the toc extension (<a class="headerlink">),
// checklist items from the site's renderer. Both stay plain links without
// JavaScript. With it, activating one copies the absolute URL of that
// section to the clipboard, moves the address bar to it, and says "Link
// copied" next to the control and to screen readers.

function absoluteUrl(id) {
  return `${location.origin}${location.pathname}${location.search}#${encodeURIComponent(id)}`;
}

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Insecure contexts (a copy opened from file://) have no async clipboard.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const ok = document.execCommand("copy");
    area.remove();
    return ok;
  }
}

function announce(control, message) {
  let status = control.parentElement.querySelector(":scope > .copy-status");
  if (!status) {
    status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    control.after(status);
  }
  status.textContent = message;
  clearTimeout(status._timer);
  status._timer = setTimeout(() => { status.textContent = ""; }, 2500);
}

function label(control) {
  const target = control.closest("[id]");
  if (!target) return null;
  const text = target.textContent.replace(control.textContent, "").trim().replace(/\s+/g, " ");
  control.setAttribute("aria-label", `Copy link to "${text.slice(0, 80)}"`);
  control.title = "Copy link";
  return target.id;
}

function bind(control) {
  if (control.dataset.copyBound) return;
  control.dataset.copyBound = "true";
  const id = label(control);
  if (!id) return;
  control.addEventListener("click", async (event) => {
    event.preventDefault();
    event.stopPropagation();
    const url = absoluteUrl(id);
    history.replaceState(history.state, "", url);
    const ok = await copyText(url);
    announce(control, ok ? "Link copied" : "Copy failed: use the address bar");
  });
}

document$.subscribe(() => {
  for (const control of document.querySelectorAll(".md-typeset .headerlink")) bind(control);
});
