"""studykit.bundle: ES modules joined into one classic script (no MkDocs, no browser)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from studykit.bundle import BundleError, bundle

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "docs" / "assets" / "javascripts"


def node() -> str:
    found = shutil.which("node")
    assert found, "node is needed (scripts/dev.py test installs it with npm)"
    return found


def run_script(script: str, src: str = "https://example.test/site/assets/javascripts/site.js") -> list:
    """Run a bundle under node with a stand-in document; return what it logged."""
    prelude = (
        "const logged = []; globalThis.log = (x) => logged.push(x);"
        f"globalThis.document = {{ currentScript: {{ src: {json.dumps(src)} }} }};"
        "globalThis.location = { href: 'https://example.test/' };"
    )
    code = prelude + script + "\nprocess.stdout.write(JSON.stringify(logged));"
    out = subprocess.run([node(), "-e", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_modules_run_once_in_dependency_order_with_their_imports(tmp_path):
    root = write(tmp_path, {
        "main.js": 'import "./a.js";\nimport { twice as double } from "./lib/b.js";\nlog("main " + double(2));\n',
        "a.js": 'import { twice, NAME } from "./lib/b.js";\nlog("a " + twice(1) + " " + NAME);\n',
        "lib/b.js": 'log("b");\nexport const NAME = "bee";\nexport function twice(x) {\n  return 2 * x;\n}\n',
    })
    script, order = bundle(root, ["main.js"])
    assert order == ["lib/b.js", "a.js", "main.js"]
    assert run_script(script) == ["b", "a 2 bee", "main 4"]


def test_import_meta_url_keeps_meaning_the_module_address(tmp_path):
    root = write(tmp_path, {"deep/m.js": 'log(new URL("../vendor/x.js", import.meta.url).href);\n'})
    script, _ = bundle(root, ["deep/m.js"])
    assert run_script(script) == ["https://example.test/site/assets/javascripts/vendor/x.js"]


def test_module_scopes_do_not_leak_into_each_other(tmp_path):
    root = write(tmp_path, {
        "one.js": 'const secret = 1;\nlog(typeof secret);\n',
        "two.js": 'log(typeof secret);\n',
    })
    script, _ = bundle(root, ["one.js", "two.js"])
    assert run_script(script) == ["number", "undefined"]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ('export default function f() {}\n', "m.js:1: unsupported export"),
        ('export { a };\n', "m.js:1: unsupported export"),
        ('export let counter = 0;\n', "m.js:1: unsupported export"),
        ('import * as all from "./x.js";\n', "m.js:1: unsupported import"),
        ('import x from "./x.js";\n', "m.js:1: unsupported import"),
        ('const f = () => import("./x.js");\n', "m.js:1: dynamic import() is not supported"),
        ('if (x) {\n  export const y = 1;\n}\n', "m.js:2: 'export' must start a top-level line"),
        ('import { nope } from "./lib.js";\n', "m.js: imports 'nope' from 'lib.js', which does not export it"),
        ('import "./missing.js";\n', "m.js: no module 'missing.js'"),
    ],
)
def test_unsupported_module_syntax_stops_with_file_and_line(tmp_path, source, message):
    root = write(tmp_path, {"m.js": source, "lib.js": "export const yes = 1;\n", "x.js": "export const x = 1;\n"})
    with pytest.raises(BundleError) as info:
        bundle(root, ["m.js"])
    assert message in str(info.value)


def test_import_cycles_are_refused(tmp_path):
    root = write(tmp_path, {"a.js": 'import "./b.js";\n', "b.js": 'import "./a.js";\n'})
    with pytest.raises(BundleError, match=r"import cycle: a\.js -> b\.js -> a\.js"):
        bundle(root, ["a.js"])


def listed_modules() -> list[str]:
    """The ES modules that mkdocs.yml's extra_javascript lists (what the hook bundles)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    block = text.split("\nextra_javascript:\n", 1)[1]
    return re.findall(r"^  - path: assets/javascripts/(\S+)\n    type: module$", block, flags=re.M)


def test_the_site_modules_bundle_into_valid_javascript(tmp_path):
    """The real sources, as mkdocs.yml lists them, translate and parse."""
    modules = listed_modules()
    assert {"math.js", "practice/main.js"} <= set(modules), modules
    script, order = bundle(JS, modules)
    assert order[-1] == "practice/main.js" and "practice/store.js" in order
    assert order.index("practice/store.js") < order.index("practice/checklists.js")
    assert "import.meta" not in script and "\nexport " not in script
    path = tmp_path / "site.js"
    path.write_text(script, encoding="utf-8")
    subprocess.run([node(), "--check", str(path)], check=True)
