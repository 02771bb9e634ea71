"""The workbench's build output, as committed: compiled components up to date with their sources,
libraries pinned, a policy without 'unsafe-eval', no HTML sink for data, answers compressed."""

import base64
import gzip
import hashlib
import json
import re
from pathlib import Path

import pytest

from settings import ROOT

WEB = Path(ROOT) / "static" / "web"
VENDOR = Path(ROOT) / "static" / "vendor"
BUILD = Path(ROOT) / "scripts" / "web-build"
HEADER = re.compile(r"/\* Compiled from (\S+\.vue) by scripts/vendor-web with @vue/compiler-sfc (\S+); do not edit\.\n"
                    r"   source-sha256: ([0-9a-f]{64}) \*/\n")
PINNED = json.loads((BUILD / "package.json").read_text())["dependencies"]


def test_every_component_is_compiled_from_its_current_source():
    sources = sorted(WEB.rglob("*.vue"))
    assert len(sources) >= 15
    for source in sources:
        compiled = source.with_suffix(".js")
        assert compiled.exists(), f"{compiled} missing: run scripts/vendor-web"
        header = HEADER.match(compiled.read_text())
        assert header, f"{compiled} is not a compiled component"
        assert header[1] == source.name and header[2] == PINNED["vue"]
        assert header[3] == hashlib.sha256(source.read_bytes()).hexdigest(), f"{compiled} is stale: run scripts/vendor-web"
    for module in WEB.rglob("*.js"):
        if HEADER.match(module.read_text()):
            assert module.with_suffix(".vue").exists(), f"{module} has no source"


def test_every_package_is_pinned_with_its_integrity():
    lock = json.loads((BUILD / "package-lock.json").read_text())
    assert lock["packages"][""]["dependencies"] == PINNED
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", version) for version in PINNED.values())  # exact versions only
    for name, entry in lock["packages"].items():
        if name:
            assert entry["integrity"].startswith("sha512-") and re.fullmatch(r"\d+\.\d+\.\d+", entry["version"]), name
    # The runtime the page loads is the one the templates were compiled for.
    assert f"vue v{PINNED['vue']}" in (VENDOR / "vue" / "vue.runtime.esm-browser.prod.js").read_text()[:200]
    assert f"ECharts {PINNED['echarts']}" in (VENDOR / "echarts" / "echarts.js").read_text()[:200]
    index = (VENDOR / "README.md").read_text()
    for name in ("vue", "echarts", "zrender", "tslib", "blueimp-md5"):
        assert lock["packages"][f"node_modules/{name}"]["integrity"] in index, name


def test_no_data_reaches_the_page_as_html():
    sinks = re.compile(r"v-html|innerHTML|outerHTML|insertAdjacentHTML|document\.write|new Function|\beval\(")
    for source in [*WEB.rglob("*.vue"), *(path for path in WEB.rglob("*.js") if not HEADER.match(path.read_text()))]:
        assert not sinks.search(source.read_text()), source


@pytest.mark.gen_test
async def test_the_policy_allows_no_eval_and_only_the_import_map_inline(api):
    page = await api.raw("GET", "/")
    policy = dict(part.strip().split(" ", 1) for part in page.headers["Content-Security-Policy"].split(";"))
    import_map = re.search(r'<script type="importmap">(.*?)</script>', page.body.decode()).group(1)
    digest = base64.b64encode(hashlib.sha256(import_map.encode()).digest()).decode()
    assert policy["script-src"] == f"'self' 'sha256-{digest}'"
    assert "unsafe-eval" not in page.headers["Content-Security-Policy"]
    assert policy["default-src"] == "'self'" and policy["frame-ancestors"] == "'none'"


@pytest.mark.gen_test
async def test_answers_are_compressed_when_asked(api, admin):
    page = await api.raw("GET", "/")
    module = re.search(r'"(/static/vendor/vue/[^"]+)"', page.body.decode()).group(1)
    # Static files, the page, and a JSON envelope (the Boss lines: 30 days of numbers).
    for path, as_ in ((module, None), ("/static/web/app.css", None), ("/", None),
                      ("/zhugeleida/boosleida/home_page/line_info", admin)):
        answers = {}
        for accept in ("identity", "gzip"):
            answers[accept] = await api.http.fetch(api.url(path, as_), headers={"Accept-Encoding": accept},
                                                   decompress_response=False)
        plain, packed = answers["identity"], answers["gzip"]
        assert "Content-Encoding" not in plain.headers, path
        assert packed.headers["Content-Encoding"] == "gzip" and "Accept-Encoding" in packed.headers["Vary"], path
        unpacked = gzip.decompress(packed.body)
        assert len(packed.body) < len(unpacked) / 2, path
        if as_ is None:
            assert unpacked == plain.body, path
        else:
            assert json.loads(unpacked)["code"] == 200
