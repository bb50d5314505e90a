"""Maintenance commands: ``python -m studykit check``, ``anchors SITE``, ``links SITE`` and ``zip SITE ZIP``.

scripts/dev.py runs these inside the project's virtual environment.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import DATA_FILE, DataError, load_study, registry

REGISTRY = Path("tests/published-anchors.txt")


def check() -> int:
    try:
        s = load_study(DATA_FILE)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    items = sum(len(x.items) for x in s.stages)
    print(f"{DATA_FILE}: {len(s.stages)} stages, {items} items, {len(s.exercises)} exercises, "
          f"{len(s.case_studies)} case studies: OK")
    return 0


def anchors(site: Path, allow_removal: bool) -> int:
    """Add new pages and anchors of a built site to the registry; never drop one silently."""
    old, new = registry.read(REGISTRY), registry.collect(site)
    gone = sorted(old - new)
    if gone and not allow_removal:
        print("These published anchors disappeared:\n  " + "\n  ".join(gone)
              + "\nRestore them, add a redirect, or rerun with --allow-removal.", file=sys.stderr)
        return 1
    registry.write(REGISTRY, new if gone else old | new)
    print(f"{len(new - old)} added, {len(gone)} removed, {len(new)} published")
    return 0


def links(site: Path, record: bool) -> int:
    """Check every outbound link of a built site; report rot; optionally record case-study checks."""
    import datetime

    from . import links as linkcheck

    study = load_study(DATA_FILE)
    found = linkcheck.outbound_links(site, own_prefixes=("https://web.archive.org/web/",))
    print(f"checking {len(found)} outbound links from {site} ...", flush=True)
    results = linkcheck.check(sorted(found))
    counts: dict[str, int] = {}
    for result in results:
        counts[result.verdict] = counts.get(result.verdict, 0) + 1
        if not result.ok:
            pages = ", ".join(sorted(found[result.url])[:3])
            print(f"{result.verdict:12} {result.status or '-':>4} {result.url}  ({result.detail}; on {pages})")
    print("summary: " + ", ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items())))
    if counts.get("unreachable", 0) == len(results) and results:
        print("no link answered: is there a network here? Nothing was recorded.")
        return 2
    if record:
        answered = {r.url for r in results if r.ok}
        ids = {c.id for c in study.case_studies if c.url in answered}
        path = Path(DATA_FILE)
        path.write_text(linkcheck.record_last_checked(path.read_text(encoding="utf-8"), ids,
                                                      datetime.date.today()), encoding="utf-8")
        print(f"last_checked set to today for {len(ids)} case studies in {DATA_FILE}")
    return 1 if counts.get("rot") or counts.get("error") else 0


def zip_site(site: Path, archive: Path) -> int:
    """Pack a built offline site into one reproducible zip."""
    from .offline import make_zip

    count = make_zip(site, archive, "mlsd-guide")
    print(f"offline copy: {archive} ({count} files, {archive.stat().st_size / 1e6:.1f} MB); "
          "unzip it and open mlsd-guide/index.html")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studykit")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the data file")
    anchors_cmd = sub.add_parser("anchors", help="record a built site's pages and anchors")
    anchors_cmd.add_argument("site", type=Path)
    anchors_cmd.add_argument("--allow-removal", action="store_true")
    links_cmd = sub.add_parser("links", help="check the outbound links of a built site (needs the network)")
    links_cmd.add_argument("site", type=Path)
    links_cmd.add_argument("--record", action="store_true", help="write last_checked for case studies that answered")
    zip_cmd = sub.add_parser("zip", help="pack a built offline site into one zip")
    zip_cmd.add_argument("site", type=Path)
    zip_cmd.add_argument("archive", type=Path)
    args = parser.parse_args(argv)
    if args.command == "zip":
        return zip_site(args.site, args.archive)
    if args.command == "check":
        return check()
    if args.command == "links":
        return links(args.site, args.record)
    return anchors(args.site, args.allow_removal)


if __name__ == "__main__":
    sys.exit(main())
