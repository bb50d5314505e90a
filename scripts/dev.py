#!/usr/bin/env python3
"""Project tasks. Needs nothing but python3: each task sets up what it uses.

    python3 scripts/dev.py serve    build and serve with live reload
    python3 scripts/dev.py test     run every test (installs Chromium if missing)
    python3 scripts/dev.py build    strict build into site/
    python3 scripts/dev.py check    validate the data file only
    python3 scripts/dev.py lock     re-resolve and re-lock the dependencies
    python3 scripts/dev.py anchors  record newly published pages and anchors
    python3 scripts/dev.py bench    measure build cost, macro overhead and page weight
    python3 scripts/dev.py offline  zip of the whole site that works from file:// (dist/)
    python3 scripts/dev.py pdf      the whole guide as one PDF (dist/mlsd-guide.pdf)
    python3 scripts/dev.py links    check outbound links for rot (needs the network)

The virtual environment lives in .venv. It is created on first use and
re-synced whenever a lock file changes (a hash of the lock is kept in .venv).
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
LOCKS = ROOT / "scripts" / "requirements"
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, cwd=ROOT, **kwargs)
    if result.returncode != 0:
        raise SystemExit(result.returncode)


def venv_bin(name: str) -> str:
    return str(VENV / ("Scripts" if os.name == "nt" else "bin") / name)


def ensure_venv(lock: str) -> None:
    """Create .venv if needed and install ``scripts/requirements/<lock>.txt`` exactly."""
    lock_file = LOCKS / f"{lock}.txt"
    digest = hashlib.sha256(lock_file.read_bytes()).hexdigest()
    stamp = VENV / f".installed-{lock}"
    if not Path(venv_bin("python")).exists():
        say(f"creating virtual environment in {VENV.relative_to(ROOT)}")
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    if stamp.exists() and stamp.read_text() == digest:
        return
    say(f"installing locked dependencies from {lock_file.relative_to(ROOT)}")
    # pip's output is shown only when it fails, so a normal run stays readable.
    result = subprocess.run(
        [venv_bin("python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--require-hashes", "--no-deps", "-r", str(lock_file)],
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
        raise SystemExit(result.returncode)
    stamp.write_text(digest)


def find_chromium() -> str | None:
    configured = os.environ.get("CHROMIUM_PATH")
    if configured and Path(configured).exists():
        return configured
    for name in CHROMIUM_CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str:
    """Return a Chromium binary, installing Debian's package when possible."""
    found = find_chromium()
    if found:
        return found
    if apt_install("chromium", "fonts-dejavu-core"):
        found = find_chromium()
        if found:
            return found
    raise SystemExit(
        "Chromium is needed for the browser tests and was not found.\n"
        "Install it (Debian/Ubuntu: sudo apt-get install chromium) or set CHROMIUM_PATH."
    )


def apt_install(*packages: str) -> bool:
    """Install Debian packages when we are root on a Debian-like system."""
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        return False
    say(f"installing Debian packages: {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run(["apt-get", "update", "-qq"], env=env)
    run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)
    return True


def ensure_program(program: str, *packages: str) -> str:
    """Return the path of ``program``, installing its Debian packages if it is missing."""
    found = shutil.which(program)
    if not found and apt_install(*packages):
        found = shutil.which(program)
    if not found:
        raise SystemExit(f"{program} is needed and was not found. Install it (Debian: apt-get install {' '.join(packages)}).")
    return found


def ensure_node_tools(name: str) -> Path:
    """Install ``scripts/node/<name>`` exactly as its package-lock.json says.

    Like the venv, the install is redone only when the lock file changes.
    Install scripts are not run: the packages used here ship what they need.
    """
    ensure_program("npm", "nodejs", "npm")
    folder = ROOT / "scripts" / "node" / name
    digest = hashlib.sha256((folder / "package-lock.json").read_bytes()).hexdigest()
    stamp = folder / "node_modules" / ".installed"
    if not (stamp.exists() and stamp.read_text() == digest):
        say(f"installing locked npm packages in {folder.relative_to(ROOT)}")
        result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
                                cwd=folder, capture_output=True, text=True)
        if result.returncode != 0:
            print(result.stdout, result.stderr, sep="\n", file=sys.stderr)
            raise SystemExit(result.returncode)
        stamp.write_text(digest)
    return folder / "node_modules"


def cmd_serve(args) -> None:
    ensure_venv("docs")
    url = f"http://{args.host}:{args.port}/"
    say(f"serving the site with live reload at {url}  (Ctrl+C to stop)")
    env = {**os.environ, "SITE_URL": url}
    run([venv_bin("mkdocs"), "serve", "--livereload", "--dev-addr", f"{args.host}:{args.port}"], env=env)


def cmd_build(args) -> None:
    ensure_venv("docs")
    run([venv_bin("mkdocs"), "build", "--strict", "--site-dir", args.site_dir])
    say(f"built into {args.site_dir}/")


def studykit(*args: str) -> None:
    """Run a maintenance command of the studykit package (scripts/studykit/__main__.py)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "scripts")}
    run([venv_bin("python"), "-m", "studykit", *args], env=env)


@contextlib.contextmanager
def built_site(**env: str):
    """A strict build in a temporary folder (``env`` adds variables, e.g. OFFLINE=true); yields its path."""
    with tempfile.TemporaryDirectory() as tmp:
        site = str(Path(tmp) / "site")
        run([venv_bin("mkdocs"), "build", "--strict", "--quiet", "--site-dir", site], env={**os.environ, **env})
        yield site


def cmd_check(args) -> None:
    ensure_venv("docs")
    studykit("check")


def cmd_test(args) -> None:
    ensure_venv("dev")
    chromium = ensure_chromium()
    say(f"using Chromium at {chromium}")
    java = ensure_program("java", "default-jre-headless")
    node_modules = ensure_node_tools("test")
    env = {**os.environ, "CHROMIUM_PATH": chromium, "PYTHONDONTWRITEBYTECODE": "1",
           "JAVA": java, "NODE_TOOLS": str(node_modules)}
    run([venv_bin("python"), "-m", "pytest", *args.pytest_args], env=env)


def cmd_anchors(args) -> None:
    """Build, then add new pages and anchors to tests/published-anchors.txt.

    A registered anchor that has disappeared is never dropped silently: the
    command lists it and stops, unless --allow-removal says it is intended
    (for a moved page, add a redirect instead).
    """
    ensure_venv("docs")
    with built_site() as site:
        studykit("anchors", site, *(["--allow-removal"] if args.allow_removal else []))


def cmd_offline(args) -> None:
    """Build the offline copy and pack it as one zip that works from file://."""
    ensure_venv("docs")
    with built_site(OFFLINE="true") as site:
        studykit("zip", site, str(Path(args.output).resolve()))


def cmd_links(args) -> None:
    """Build, then check every outbound link (needs the network; not part of the tests)."""
    ensure_venv("docs")
    with built_site() as site:
        studykit("links", site, *(["--record"] if args.record else []))


def cmd_pdf(args) -> None:
    """The whole guide as one PDF through the system Chromium (scripts/printbook.py)."""
    ensure_venv("dev")
    chromium = ensure_chromium()
    run([venv_bin("python"), str(ROOT / "scripts" / "printbook.py"), *getattr(args, "extra", [])],
        env={**os.environ, "CHROMIUM_PATH": chromium})


def cmd_bench(args) -> None:
    """Run scripts/bench.py; extra arguments (e.g. --lighthouse-only) are passed to it."""
    ensure_venv("docs")
    chromium = ensure_chromium()
    say(f"using Chromium at {chromium}")
    node_modules = ensure_node_tools("bench")
    env = {**os.environ, "CHROMIUM_PATH": chromium, "NODE_TOOLS": str(node_modules)}
    run([venv_bin("python"), str(ROOT / "scripts" / "bench.py"), *getattr(args, "extra", [])], env=env)


def cmd_lock(args) -> None:
    ensure_venv("dev")
    run([venv_bin("python"), "-m", "pip", "install", "--quiet", "pip-tools"])
    for name in ("docs", "dev"):
        run([venv_bin("pip-compile"), "--quiet", "--generate-hashes", "--allow-unsafe", "--strip-extras",
             "--no-header", "--upgrade" if args.upgrade else "--no-upgrade",
             "--output-file", str(LOCKS / f"{name}.txt"), str(LOCKS / f"{name}.in")])
    say("locks written; commit scripts/requirements/*.txt")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python3 scripts/dev.py", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    serve = sub.add_parser("serve", help="build and serve with live reload")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", default=8000, type=int)
    serve.set_defaults(func=cmd_serve)
    build = sub.add_parser("build", help="strict build")
    build.add_argument("--site-dir", default="site")
    build.set_defaults(func=cmd_build)
    sub.add_parser("check", help="validate the data file").set_defaults(func=cmd_check)
    test = sub.add_parser("test", help="run every test")
    test.add_argument("pytest_args", nargs=argparse.REMAINDER, help="passed to pytest")
    test.set_defaults(func=cmd_test)
    anchors = sub.add_parser("anchors", help="record newly published pages and anchors")
    anchors.add_argument("--allow-removal", action="store_true", help="accept that registered anchors disappeared")
    anchors.set_defaults(func=cmd_anchors)
    sub.add_parser("bench", help="measure the site (prints a table, writes .cache/bench/results.json)").set_defaults(
        func=cmd_bench
    )
    offline = sub.add_parser("offline", help="build the offline copy as a zip that works from file://")
    offline.add_argument("--output", default="dist/mlsd-guide-offline.zip")
    offline.set_defaults(func=cmd_offline)
    links = sub.add_parser("links", help="check outbound links for rot (needs the network)")
    links.add_argument("--record", action="store_true", help="record today's date in the case studies that answered")
    links.set_defaults(func=cmd_links)
    sub.add_parser("pdf", help="the whole guide as one PDF (dist/mlsd-guide.pdf; --png DIR for previews)").set_defaults(
        func=cmd_pdf
    )
    lock = sub.add_parser("lock", help="re-lock dependencies")
    lock.add_argument("--upgrade", action="store_true", help="move to the newest allowed versions")
    lock.set_defaults(func=cmd_lock)
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in ("test", "bench", "pdf"):
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    if args.command == "test":
        args.pytest_args = extra + args.pytest_args
    args.func(args)


if __name__ == "__main__":
    main()
