"""The offline copy: the whole site in one zip that works from ``file://``.

The build itself is MkDocs with Material's ``offline`` plugin switched on
(``OFFLINE=true``): file URLs instead of directory URLs, and the search index
as a script. ``scripts/hooks.py`` also keeps instant navigation out of that
build (the online site leaves it off too, see ``mkdocs.yml``), since it
fetches pages and browsers refuse fetch on ``file://``.
This module only packs the result, reproducibly: sorted entries and a fixed
timestamp, so the same site gives the same bytes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

FIXED_TIME = (2020, 1, 1, 0, 0, 0)
#: The vendored iframe-worker shim (docs/assets/vendor/iframe-worker/).
IFRAME_WORKER = "assets/vendor/iframe-worker/shim.js"
#: Features that need fetch() or a server, dropped from the offline build.
ONLINE_ONLY_FEATURES = ("navigation.instant", "navigation.instant.progress", "navigation.instant.prefetch",
                        "navigation.instant.preview")


def make_zip(site: Path, archive: Path, folder: str) -> int:
    """Pack ``site`` into ``archive`` under the top folder ``folder``; return the number of files."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    if not (site / "index.html").is_file():
        raise FileNotFoundError(f"{site} has no index.html: build the site first")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site).as_posix()}", date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    return len(files)
