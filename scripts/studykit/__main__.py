"""Maintenance commands: ``python -m studykit check`` and ``python -m studykit anchors SITE_DIR``.

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m studykit")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate the data file")
    anchors_cmd = sub.add_parser("anchors", help="record a built site's pages and anchors")
    anchors_cmd.add_argument("site", type=Path)
    anchors_cmd.add_argument("--allow-removal", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "check":
        return check()
    return anchors(args.site, args.allow_removal)


if __name__ == "__main__":
    sys.exit(main())
