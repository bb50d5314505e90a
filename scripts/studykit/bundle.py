"""Join the site's small ES modules into one classic script.

The sources in ``docs/assets/javascripts/`` stay ES modules, one concern per
file. The site ships them as a single classic script because

* browsers refuse module scripts on ``file://`` pages, and the offline copy
  must work when opened from disk;
* one request instead of ten is cheaper on a first visit.

Only the subset of module syntax these files use is accepted, and anything
else stops the build with the file and line, rather than being shipped
half-translated:

* ``import { a, b as c } from "./x.js";`` and ``import "./x.js";``
* ``export function``, ``export async function``, ``export const`` and
  ``export class`` declarations;
* ``import.meta.url``, which becomes the URL the module would have had.

Each module runs in its own function scope, in dependency order, once.
"""

from __future__ import annotations

import json
import posixpath
import re
from pathlib import Path

_IMPORT_FROM = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"(\.{1,2}/[^"]+)";?\s*$')
_IMPORT_BARE = re.compile(r'^import\s*"(\.{1,2}/[^"]+)";?\s*$')
# ``export let`` is refused: the bundle copies values at import time, so a
# reassigned binding would not reach its importers as it does between modules.
_EXPORT_DECL = re.compile(r"^export\s+(?:(async\s+)?function\*?|const|class)\s+([A-Za-z_$][\w$]*)")
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


class BundleError(Exception):
    """A module uses syntax the bundler does not translate."""


def _parse(path: Path, rel: str) -> tuple[list[str], list[str], list[tuple[str, list[tuple[str, str]]]]]:
    """Return (translated lines, exported names, imports as (module, [(name, alias)]))."""
    out: list[str] = []
    exports: list[str] = []
    imports: list[tuple[str, list[tuple[str, str]]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{rel}:{number}"
        stripped = line.strip()
        if stripped.startswith("import ") or stripped.startswith("import{") or stripped.startswith('import"'):
            target = None
            if m := _IMPORT_FROM.match(stripped):
                names = []
                for part in m.group(1).split(","):
                    part = part.strip()
                    if not part:
                        continue
                    name, _, alias = part.partition(" as ")
                    name, alias = name.strip(), (alias.strip() or name.strip())
                    if not (_NAME.match(name) and _NAME.match(alias)):
                        raise BundleError(f"{where}: cannot read the import list '{m.group(1).strip()}'")
                    names.append((name, alias))
                target = m.group(2)
                imports.append((target, names))
            elif m := _IMPORT_BARE.match(stripped):
                target = m.group(1)
                imports.append((target, []))
            else:
                raise BundleError(f"{where}: unsupported import; use 'import {{ a }} from \"./x.js\";'")
            out.append(f"  // {stripped}")
            continue
        if line.startswith("export"):
            m = _EXPORT_DECL.match(line)
            if not m:
                raise BundleError(f"{where}: unsupported export; export a declaration (function, const, class)")
            exports.append(m.group(2))
            line = line[len("export"):].lstrip()
        elif re.match(r"export\s*(\{|\*|default\b|function\b|async\b|const\b|let\b|var\b|class\b)", stripped):
            raise BundleError(f"{where}: 'export' must start a top-level line")
        if "import(" in line:
            raise BundleError(f"{where}: dynamic import() is not supported")
        out.append("  " + line.replace("import.meta.url", "__url") if line else "")
    return out, exports, imports


def bundle(root: Path, entries: list[str], banner: str = "") -> tuple[str, list[str]]:
    """One classic script that runs ``entries`` (paths relative to ``root``) and what they import.

    Returns the script and the modules it contains, in the order they run.

    The script must sit in ``root`` itself: module URLs are resolved against
    its own address, so ``import.meta.url`` keeps meaning what it meant.
    """
    order: list[str] = []
    parsed: dict[str, tuple[list[str], list[str], list[tuple[str, list[tuple[str, str]]]]]] = {}
    visiting: list[str] = []

    def visit(rel: str, importer: str | None) -> None:
        if rel in parsed:
            return
        if rel in visiting:
            cycle = " -> ".join(visiting[visiting.index(rel):] + [rel])
            raise BundleError(f"import cycle: {cycle}")
        path = root / rel
        if not path.is_file():
            raise BundleError(f"{importer or 'entry'}: no module '{rel}' under {root}")
        visiting.append(rel)
        result = _parse(path, rel)
        for target, _ in result[2]:
            visit(posixpath.normpath(posixpath.join(posixpath.dirname(rel), target)), rel)
        visiting.pop()
        parsed[rel] = result
        order.append(rel)

    for entry in entries:
        visit(entry, None)

    chunks = [
        f"// {banner}" if banner else "// Generated by studykit.bundle: edit the modules, not this file.",
        "(() => {",
        '  "use strict";',
        "  const __script = document.currentScript ? document.currentScript.src : location.href;",
        "  const __modules = Object.create(null);",
    ]
    for rel in order:
        lines, exports, imports = parsed[rel]
        for target, names in imports:
            dep = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            known = set(parsed[dep][1])
            for name, _ in names:
                if name not in known:
                    raise BundleError(f"{rel}: imports '{name}' from '{dep}', which does not export it")
        header = [f"  // ---- {rel}", f"  __modules[{json.dumps(rel)}] = (() => {{",
                  f"  const __url = new URL({json.dumps(rel)}, __script).href;"]
        for target, names in imports:
            dep = posixpath.normpath(posixpath.join(posixpath.dirname(rel), target))
            if names:
                spec = ", ".join(name if name == alias else f"{name}: {alias}" for name, alias in names)
                header.append(f"  const {{ {spec} }} = __modules[{json.dumps(dep)}];")
        footer = [f"  return {{ {', '.join(exports)} }};" if exports else "  return {};", "  })();"]
        chunks += header + lines + footer
    chunks.append("})();")
    return "\n".join(chunks) + "\n", order
