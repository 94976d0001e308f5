"""scripts/check_links.py, the link check of the built site in CI: broken targets and #fragments are named
with their file, clean sites pass, the real site passes (also built for a GitHub Pages project address)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

SCRIPT = ROOT / "scripts" / "check_links.py"
OWN = "http://127.0.0.1:8000/"


def run(site: Path, *args: str) -> subprocess.CompletedProcess:
    """The script as CI runs it: from the folder holding the site, which it names as given."""
    return subprocess.run([sys.executable, str(SCRIPT), site.name, *args], capture_output=True, text=True,
                          cwd=site.parent)


def page(body: str, head: str = "") -> str:
    return f'<!doctype html><html><head>{head}</head><body>\n{body}\n</body></html>\n'


def write(site: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return site


GOOD = {
    "index.html": page(
        '<h1 id="top">Home</h1>\n'
        '<a href="a/">a</a> <a href="a/#sec">a, section</a> <a href="a/index.html#%E7%9B%AE%E6%A0%87">a, 目标</a>\n'
        '<a href="#top">top</a> <a href="">self</a> <a href="#">nothing</a> <a href="a">a, no slash</a>\n'
        '<a href="https://example.org/x#y">elsewhere</a> <a href="mailto:a@example.org">mail</a>\n'
        '<img src="img/logo.svg" alt=""> <img src="data:image/png;base64,AAAA" alt="">\n'
        '<a href="#__drawer">Material</a> <a href="a/?q=1#sec">query</a>\n'
        f'<a href="{OWN}a/#sec">own, absolute</a>',
        head=f'<link rel="canonical" href="{OWN}"><link rel="stylesheet" href="css/site.css">'
             '<script src="js/site.js"></script>'),
    "a/index.html": page('<h2 id="sec">S</h2> <h2 id="目标">T</h2> <a name="old"></a>\n'
                         '<a href="../">home</a> <a href="../index.html#top">home, top</a> <a href="#old">old</a>'),
    "img/logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
    "css/site.css": "body{}",
    "js/site.js": "",
}


def test_a_site_whose_links_all_resolve_passes(tmp_path):
    result = run(write(tmp_path / "site", GOOD), "--site-url", OWN)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == ""
    assert "0 broken of 20 references in 2 pages" in result.stderr


BAD = dict(GOOD, **{
    "index.html": page(
        '<h1 id="top">Home</h1>\n'
        '<a href="missing/">a page that is not there</a>\n'
        '<a href="a/#nope">a fragment that is not there</a>\n'
        '<a href="#gone">a fragment of this page that is not there</a>\n'
        '<img src="img/none.png" alt="">\n'
        f'<link rel="alternate" hreflang="en" href="{OWN}en/">\n'
        '<script src="/js/missing.js"></script>\n'
        '<a href="a/index.html/">a file named as a folder</a>',
        head='<link rel="stylesheet" href="css/site.css">'),
})


def test_every_broken_reference_is_named_with_its_file_and_line(tmp_path):
    site = write(tmp_path / "site", BAD)
    result = run(site, "--site-url", OWN)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        'site/index.html:3: <a href="missing/">: no folder missing/ in the site',
        "site/index.html:4: <a href=\"a/#nope\">: no element with id 'nope' in a/index.html",
        "site/index.html:5: <a href=\"#gone\">: no element with id 'gone' in index.html",
        'site/index.html:6: <img src="img/none.png">: no file img/none.png in the site',
        f'site/index.html:7: <link href="{OWN}en/">: no folder en/ in the site',
        'site/index.html:8: <script src="/js/missing.js">: no file js/missing.js in the site',
        'site/index.html:9: <a href="a/index.html/">: no folder a/index.html/ in the site',
    ]
    assert "7 broken" in result.stderr


def test_absolute_links_to_the_own_address_are_checked_only_with_site_url(tmp_path):
    site = write(tmp_path / "site", {"index.html": page(f'<a href="{OWN}nowhere/">x</a>')})
    assert run(site).returncode == 0  # another host, as far as the checker knows
    assert run(site, "--site-url", OWN.rstrip("/")).returncode == 1


def test_a_project_site_under_a_path(tmp_path):
    """GitHub Pages serves a project at /REPOSITORY/: root-relative links must carry that prefix."""
    site = write(tmp_path / "site", {
        "index.html": page('<a href="/repo/a/#sec">ok</a> <a href="/a/">outside</a>'),
        "a/index.html": page('<h2 id="sec">S</h2>'),
    })
    result = run(site, "--site-url", "https://owner.github.io/repo/")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        'site/index.html:2: <a href="/a/">: outside the site (it is served under /repo/)']


def test_github_format_makes_annotations(tmp_path):
    site = write(tmp_path / "site", BAD)
    first = run(site, "--site-url", OWN, "--format", "github").stdout.splitlines()[0]
    assert first == ('::error file=site/index.html,line=3,title=broken link::'
                     '<a href="missing/">: no folder missing/ in the site')


def test_no_site_is_a_usage_error(tmp_path):
    result = run(tmp_path / "site")
    assert result.returncode == 2 and "make site" in result.stderr


@pytest.mark.parametrize("site_url", [OWN, "https://owner.github.io/yiwu-gwr/"])
def test_the_built_site_has_no_broken_link(tmp_path, project_copier, site_url):
    """The real build, for `make serve`'s address (the PR preview) and for a Pages project address (publish)."""
    project = project_copier(tmp_path / "project")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600", GWR_SITE_URL=site_url)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, env=env, check=True)
    result = run(project / "site", "--site-url", site_url)
    assert result.returncode == 0, result.stdout[:3000]
    references = int(result.stderr.split(" references")[0].split()[-1])
    assert references > 5000, result.stderr
