"""A UTF-8 byte order mark (Windows Notepad writes one): accepted where the format allows it (YAML), named
where a tool the project relies on refuses it (gettext's msgfmt refuses it in a PO file)."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from generator.errors import InputError
from generator.translation.catalogs import read_po_file

BOM = "\ufeff"


def test_a_catalog_with_a_byte_order_mark_is_named_as_such(tmp_path):
    path = tmp_path / "translations" / "en" / "action-1.po"
    path.parent.mkdir(parents=True)
    path.write_text(BOM + (ROOT / "translations" / "en" / "action-1.po").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        read_po_file(path, "en", tmp_path)
    message = str(caught.value)
    assert message.startswith("translations/en/action-1.po:1: error: [charset]"), message
    assert "byte order mark" in message and "UTF-8 without BOM" in message
    assert "double quotes" not in message  # what it said before: no quoting would help


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="gettext's msgfmt is not installed")
def test_msgfmt_refuses_the_byte_order_mark_too(tmp_path):
    # Why the catalogs do not accept one silently: `gwr check` and the CI run msgfmt on them.
    import subprocess

    path = tmp_path / "bom.po"
    path.write_text(BOM + 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n', encoding="utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True).returncode != 0
