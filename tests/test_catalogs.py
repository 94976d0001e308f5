"""PO catalogs: extraction, Babel's merge after a seed change, stable files, errors with file:line."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.translation.catalogs import layout_for, read_catalog, render_catalog
from generator.translation.merge import update
from generator.translation.checks import check_catalogs
from generator.errors import InputError, InputErrors
from generator.source.load import load_report

from conftest import ROOT

SEED = "seeds/yiwu-2026-gwr-page2.txt"
# A sentence of action-5, task 1 ("推动产业平台建设").
CHANGED_FROM = "拓展团练、红旗等区块贸工联动产业园700亩以上"


@pytest.fixture
def project(tmp_path) -> Path:
    """Seeds plus catalogs in which every entry has a (fake) translation."""
    root = tmp_path / "project"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "translations", root / "translations")
    update(root, load_report(root), "en")
    for path in (root / "translations" / "en").glob("*.po"):
        catalog = read_catalog(path, "en")
        for message in catalog:
            if message.id and message.context:
                message.string = f"EN {message.context}"
                message.flags.discard("fuzzy")
                message.previous_id = []
        catalog.obsolete.clear()
        path.write_bytes(render_catalog(catalog, **layout_for(path.stem)))
    return root


def snapshot(root: Path) -> dict:
    """(file, msgctxt) -> (msgid, msgstr, fuzzy, previous) for every report entry; the obsolete ones apart."""
    entries, obsolete = {}, {}
    for path in sorted((root / "translations" / "en").glob("*.po")):
        catalog = read_catalog(path, "en")
        for message in catalog:
            if message.id and message.context:
                entries[(path.stem, message.context)] = (message.id, message.string, message.fuzzy,
                                                         tuple(message.previous_id))
        for message in catalog.obsolete.values():
            obsolete[(path.stem, message.context)] = message.id
    return {"entries": entries, "obsolete": obsolete}


def edit_seed(root: Path, old: str, new: str) -> None:
    path = root / SEED
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def run_update(root: Path):
    return update(root, load_report(root), "en")


def test_update_twice_changes_nothing(project):
    files = {p: p.read_bytes() for p in (project / "translations" / "en").glob("*.po")}
    result = run_update(project)
    assert result.written == [] and result.new == result.fuzzy == result.obsolete == 0
    assert files == {p: p.read_bytes() for p in files}


def test_repository_catalogs_are_up_to_date_and_stable(tmp_path):
    """The committed catalogs are exactly what `gwr update` writes (run it after a seed change)."""
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "seeds", root / "seeds")
    shutil.copytree(ROOT / "translations", root / "translations")
    assert run_update(root).written == [], "run `gwr update` and commit the catalogs it rewrites"


def test_changed_sentence_becomes_the_one_fuzzy_entry(project):
    before = snapshot(project)
    edit_seed(project, CHANGED_FROM, CHANGED_FROM.replace("700", "800"))
    result = run_update(project)
    after = snapshot(project)
    changed = {key for key in after["entries"] if after["entries"][key] != before["entries"].get(key)}
    assert len(changed) == 1 and result.fuzzy == 1 and result.obsolete == 0
    (key,) = changed
    msgid, msgstr, fuzzy, previous = after["entries"][key]
    assert fuzzy and msgstr == f"EN {key[1]}"  # the old translation, kept for review
    assert previous == (before["entries"][key][0],) and CHANGED_FROM in previous[0]
    assert "800亩" in msgid
    assert after["obsolete"] == {}


def test_deleted_sentence_becomes_obsolete_and_the_rest_keep_their_translations(project, report):
    task = report.section("action-5").blocks[0]
    victim = task.body_segments[2]  # no ASCII punctuation in the print, so the raw seed has it verbatim
    before = snapshot(project)
    edit_seed(project, victim.text, "")
    result = run_update(project)
    after = snapshot(project)
    assert result.fuzzy == 0
    page_obsolete = {k: v for k, v in after["obsolete"].items() if k[0] != "targets"}
    assert list(page_obsolete.values()) == [victim.text]
    # Its figure (700亩) leaves the targets catalog too; nothing else becomes obsolete.
    assert all(k[1].startswith(victim.id + ".q") for k in after["obsolete"] if k[0] == "targets")
    assert result.obsolete == len(after["obsolete"])
    # Later sentences were renumbered (s2 -> s1 ...); their translations moved with the text, not fuzzy.
    for key, (msgid, msgstr, fuzzy, _) in after["entries"].items():
        assert not fuzzy, key
        was = {f"EN {k[1]}" for k, v in before["entries"].items() if v[0] == msgid}  # text may repeat
        assert msgstr in was, key


def test_added_sentence_is_a_new_empty_entry(project):
    before = snapshot(project)
    added = "新建一座国际会展中心。"
    edit_seed(project, "推动义亭镇打造美妆产业示范高地", added + "推动义亭镇打造美妆产业示范高地")
    result = run_update(project)
    after = snapshot(project)
    new = [key for key, value in after["entries"].items() if value[0] == added]
    assert len(new) == 1 and after["entries"][new[0]][1] == "" and result.new == 1
    assert result.fuzzy == 0 and result.obsolete == 0
    # Every sentence that was there keeps its translation, even where its ID moved.
    for key, (msgid, msgstr, _, _) in before["entries"].items():
        now = {v[1] for k, v in after["entries"].items() if v[0] == msgid and k[0] == key[0]}
        assert msgstr in now, key


def test_extract_writes_one_template_per_page_and_the_interface(tmp_path, report):
    from generator.translation.catalogs import extract
    from generator.translation.messages import page_messages

    written = extract(report, tmp_path)
    names = {p.stem for p in written}
    assert names == set(page_messages(report)) | {"interface", "targets"}
    pot = (tmp_path / "action-1.pot").read_text(encoding="utf-8")
    assert pot.count('\nmsgctxt "') == len(page_messages(report)["action-1"])
    assert 'msgstr "' in pot and "Language:" not in pot
    assert extract(report, tmp_path) == []  # unchanged templates are not rewritten


def test_catalogs_carry_ids_references_and_comments():
    text = (ROOT / "translations" / "en" / "action-1.po").read_text(encoding="utf-8")
    assert 'msgctxt "action-1.task-1.s1"' in text
    assert f"#: {SEED}:" in text
    assert "#. section action-1 （一）实施市场繁荣行动" in text


@pytest.mark.skipif(not shutil.which("msgfmt"), reason="GNU gettext (Debian package gettext) is not installed")
def test_msgfmt_accepts_every_catalog(project):
    paths = sorted((ROOT / "translations" / "en").glob("*.po")) + sorted((project / "translations" / "en").glob("*.po"))
    edit_seed(project, CHANGED_FROM, CHANGED_FROM + "并")  # a fuzzy entry with a previous msgid
    run_update(project)
    for path in paths:
        result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


def test_malformed_catalog_is_an_error_with_file_and_line(project, report):
    path = project / "translations" / "en" / "action-2.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    bad = next(i for i, line in enumerate(lines) if line.startswith("msgstr ") and i > 20)
    lines[bad] = 'msgstr "an unterminated string'
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_catalog(path, "en", project)
    assert str(caught.value).startswith(f"translations/en/action-2.po:{bad + 1}:")
    findings = check_catalogs(project, report, "en", run_msgfmt=False)
    assert any(f.check == "po-syntax" and f.line == bad + 1 for f in findings)


def test_duplicate_entry_is_an_error(project):
    path = project / "translations" / "en" / "closing.po"
    text = path.read_text(encoding="utf-8")
    entry = text[text.index("#. section closing"):]
    path.write_text(text + "\n" + entry.split("\n\n")[0] + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="duplicate entry"):
        read_catalog(path, "en", project)


def test_check_reports_placeholders_and_stale_entries(project, report):
    path = project / "translations" / "en" / "interface.po"
    catalog = read_catalog(path, "en")
    catalog.get("注{n}").string = "Note {nn}"
    path.write_bytes(render_catalog(catalog))
    edit_seed(project, CHANGED_FROM, CHANGED_FROM + "并")
    findings = check_catalogs(project, load_report(project), "en", run_msgfmt=False)
    checks = {(f.check, f.severity) for f in findings}
    assert ("placeholders", "error") in checks and ("stale-msgid", "warning") in checks
    assert all(f.line for f in findings)


def test_stats_json():
    import contextlib
    import io

    from generator.cli import main

    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        assert main(["--root", str(ROOT), "stats", "--json"]) == 0
    data = json.loads(buffer.getvalue())["en"]
    total = data["report_text"]
    assert total["total"] == sum(v["total"] for k, v in data["catalogs"].items() if k not in ("interface", "targets"))
    assert total["translated"] + total["fuzzy"] + total["untranslated"] == total["total"]


def test_glossary_check_names_catalog_line_term_and_rendering(project, report):
    from generator.enrich.glossary_scope import load_glossary

    glossary = load_glossary(ROOT, "".join(s.text for s in report.segments()))
    term = next(t for t in glossary.terms if t.zh == "全球数贸中心")
    path = project / "translations" / "en" / "action-1.po"
    catalog = read_catalog(path, "en")
    entry = next(m for m in catalog if m.context == "action-1.task-1.s1")
    entry.string = "We will make the global digital trade hub prosper."  # not the glossary's rendering
    path.write_bytes(render_catalog(catalog))
    line = next(m for m in read_catalog(path, "en") if m.context == "action-1.task-1.s1").lineno + 1  # the msgstr
    findings = [f for f in check_catalogs(project, report, "en", run_msgfmt=False, glossary=glossary)
                if f.check == "glossary" and f.file == "translations/en/action-1.po" and f.line == line]
    assert any("全球数贸中心" in f.message and repr(term.en) in f.message for f in findings)
    entry.string = f"We will make the {term.en} prosper."
    path.write_bytes(render_catalog(catalog))
    again = check_catalogs(project, report, "en", run_msgfmt=False, glossary=glossary)
    assert not any(f.check == "glossary" and f.line == line and "全球数贸中心" in f.message for f in again)


# --- catalogs are never damaged ------------------------------------------------------------


def set_header_charset(path: Path, charset: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert "charset=utf-8" in text
    path.write_text(text.replace("charset=utf-8", f"charset={charset}", 1), encoding="utf-8")
    return next(i for i, line in enumerate(text.splitlines(), start=1) if "charset=" in line)


@pytest.mark.parametrize("charset", ["ISO-8859-1", "foobar", "CHARSET"])
def test_a_catalog_declaring_another_charset_is_refused_everywhere(project, report, charset):
    path = project / "translations" / "en" / "action-3.po"
    line = set_header_charset(path, charset)
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        read_catalog(path, "en", project)
    assert str(caught.value).startswith(f"translations/en/action-3.po:{line}: error: [charset]")
    findings = check_catalogs(project, report, "en", run_msgfmt=False)
    assert [(f.check, f.line) for f in findings if f.file.endswith("action-3.po")] == [("charset", line)]
    with pytest.raises(InputErrors):
        run_update(project)  # no catalog is rewritten when one did not read cleanly
    assert path.read_bytes() == before
    from generator.translation.localise import load_localiser

    assert "action-3" in load_localiser(project, "en").broken  # the page shows the Chinese, the build fails


def test_deleted_then_restored_sentence_reclaims_its_translation(project, report):
    task = report.section("action-5").blocks[0]
    victim = task.body_segments[2]
    before = snapshot(project)
    edit_seed(project, victim.text, "")
    run_update(project)
    assert victim.text in snapshot(project)["obsolete"].values()
    edit_seed(project, "推动义亭镇打造美妆产业示范高地", victim.text + "推动义亭镇打造美妆产业示范高地")  # put it back
    result = run_update(project)
    after = snapshot(project)
    assert after["entries"] == before["entries"] and result.new == 0 and result.fuzzy == 0
    assert not [v for k, v in after["obsolete"].items() if k[0] != "targets"]
    if shutil.which("msgfmt"):
        path = project / "translations" / "en" / "action-5.po"
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


def test_restored_sentence_with_other_wording_comes_back_fuzzy(project, report):
    task = report.section("action-5").blocks[0]
    victim = task.body_segments[2]
    edit_seed(project, victim.text, "")
    run_update(project)
    edit_seed(project, "推动义亭镇打造美妆产业示范高地", victim.text.replace("700", "750") + "推动义亭镇打造美妆产业示范高地")
    run_update(project)
    msgid, msgstr, fuzzy, previous = snapshot(project)["entries"][("action-5", victim.id)]
    assert "750" in msgid and msgstr == f"EN {victim.id}" and fuzzy and previous == (victim.text,)


def test_obsolete_twin_of_an_entry_is_an_error_that_update_repairs(project, report):
    path = project / "translations" / "en" / "closing.po"
    text = path.read_text(encoding="utf-8")
    entry = text[text.index('msgctxt "closing.p1.s1"'):].split("\n\n")[0]
    path.write_text(text.rstrip("\n") + "\n\n" + "\n".join("#~ " + line for line in entry.splitlines()) + "\n",
                    encoding="utf-8")
    findings = [f for f in check_catalogs(project, report, "en", run_msgfmt=False) if f.check != "numbers"]  # fake EN
    assert [(f.check, f.severity, f.segment) for f in findings if f.file.endswith("closing.po")] == [
        ("obsolete-duplicate", "error", "closing.p1.s1")]
    run_update(project)
    assert not [f for f in check_catalogs(project, report, "en", run_msgfmt=False) if f.check != "numbers"]


def test_duplicate_msgctxt_with_another_msgid_is_an_error(project):
    path = project / "translations" / "en" / "closing.po"
    text = path.read_text(encoding="utf-8")
    entry = text[text.index("#. section closing"):].split("\n\n")[0]
    forged = entry.replace('msgid "', 'msgid "旧', 1).replace('msgstr "', 'msgstr "A stale translation ', 1)
    path.write_text(text + "\n" + forged + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"error: \[duplicate-context\] duplicate entry for msgctxt 'closing.p1.s1'"):
        read_catalog(path, "en", project)


# --- citations follow their sentences ---------------------------------------------------------


def cited_in_merchants(root: Path, text: str) -> list[str]:
    import yaml

    data = yaml.safe_load((root / "translations" / "merchants.en.yaml").read_text(encoding="utf-8"))
    sources = next(p["source"] for s in data["sections"] for p in s["points"] if text in p["text"])
    return [source.partition("@")[0] for source in sources]  # the IDs, without their fingerprints


def test_citations_follow_an_inserted_sentence_and_warn_until_update(project, report):
    from generator.translation.checks import check_project

    buyers = report.segment_index()["action-1.task-1.s2"].text
    assert "120万" in buyers and cited_in_merchants(project, "1.2 million buyers") == ["action-1.task-1.s2"]
    edit_seed(project, "推动国际商贸城持续繁荣", "新建一座国际会展中心。推动国际商贸城持续繁荣")
    warnings = [f for f in check_project(project, run_msgfmt=False) if f.check == "citation"]
    assert any(f.file == "translations/merchants.en.yaml" and f.segment == "action-1.task-1.s2" for f in warnings)
    result = run_update(project)
    assert result.moved["action-1.task-1.s2"] == "action-1.task-1.s3"
    assert cited_in_merchants(project, "1.2 million buyers") == ["action-1.task-1.s3"]
    assert load_report(project).segment_index()["action-1.task-1.s3"].text == buyers
    assert not [f for f in check_project(project, run_msgfmt=False) if f.check == "citation"]


def test_a_cited_sentence_that_changed_warns_on_the_point(project):
    from generator.translation.checks import check_project

    edit_seed(project, "招引采购商超120万人", "招引采购商超130万人")
    run_update(project)
    findings = check_project(project, run_msgfmt=False)
    warnings = [f for f in findings if f.check == "citation"]
    assert {(f.file, f.segment) for f in warnings} >= {("translations/merchants.en.yaml", "action-1.task-1.s2"),
                                                       ("translations/summaries.en.yaml", "action-1.task-1.s2"),
                                                       ("translations/summaries.zh.yaml", "action-1.task-1.s2")}
    assert all(f.line for f in warnings)
    # The points that state the old figure are errors at their line, in Chinese and in English alike.
    wrong = {(f.file, f.segment) for f in findings if f.check == "point-numbers" and "1,200,000" in f.message}
    assert {("translations/summaries.zh.yaml", "action-1.task-1.s2"),
            ("translations/merchants.en.yaml", "action-1.task-1.s2")} <= wrong


def test_a_part_whose_page_is_renamed_keeps_its_translations_and_a_reworded_heading_is_the_one_fuzzy_entry(project):
    """Its heading reworded and its page renamed in report.yaml (part_slugs: a rewording alone moves no page, see
    test_slugs.py), the part's catalog moves from plan to part-2: every translation moves with its ID; the
    heading, reworded, is the only entry to review."""
    before = snapshot(project)
    edit_seed(project, "二、“十五五”发展主要目标任务", "二、“十五五”时期的若干安排")
    meta = project / "seeds" / "report.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("part-2: plan", "part-2: part-2"), encoding="utf-8")
    result = run_update(project)
    after = snapshot(project)
    moved = {ctx for (page, ctx) in before["entries"] if page == "plan"}
    assert moved and {ctx for (page, ctx) in after["entries"] if page == "part-2"} == moved
    assert result.new == 0 and result.fuzzy == 1
    fuzzy = [ctx for (page, ctx), entry in after["entries"].items() if entry[2]]
    assert fuzzy == ["part-2.title"]
    assert all(after["entries"]["part-2", ctx][1] == f"EN {ctx}" for ctx in moved)
