"""The interface's translations: every catalogue complete (nothing untranslated, nothing fuzzy), compiled from its
current text, and covering every string the code marks for translation today — so a new string cannot ship in
English only. After changing strings: ``make messages``, translate, and compile."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "liaise"
LANGUAGES = [code for code, _name in settings.CONTENT_LANGUAGES if code != settings.LANGUAGE_CODE.split("-")[0]]


def catalogue(code: str, suffix: str = "po") -> Path:
    return PACKAGE / "locale" / code / "LC_MESSAGES" / f"django.{suffix}"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_interface_language_has_a_complete_catalogue(code):
    assert catalogue(code).exists(), f"no catalogue for {code}: make messages, translate, compile"
    po = polib.pofile(str(catalogue(code)))
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"{code}: {len(untranslated)} untranslated, e.g. {untranslated[:5]}"
    assert not fuzzy, f"{code}: {len(fuzzy)} fuzzy, e.g. {fuzzy[:5]}"
    assert not [entry.msgid for entry in po.obsolete_entries()], f"{code}: obsolete entries left (--no-obsolete)"


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalogue_is_compiled_from_its_current_text(code):
    po = polib.pofile(str(catalogue(code)))
    mo = polib.mofile(str(catalogue(code, "mo")))
    compiled = {(entry.msgctxt, entry.msgid): (entry.msgstr, entry.msgstr_plural) for entry in mo}
    stale = [entry.msgid for entry in po.translated_entries()
             if compiled.get((entry.msgctxt, entry.msgid)) != (entry.msgstr, entry.msgstr_plural)]
    assert not stale, f"{code}: django.mo is older than django.po ({stale[:3]}...): compilemessages"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="needs GNU gettext (make install installs it)")
def test_the_catalogues_hold_every_string_the_code_marks_for_translation(tmp_path):
    """``makemessages`` over a copy of the code finds no string the catalogues lack."""
    copy = tmp_path / "liaise"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    reference = LANGUAGES[0] if LANGUAGES else "fr"
    subprocess.run([sys.executable, "-m", "liaise", "makemessages", "-l", reference, "--no-obsolete"],
                   cwd=copy, check=True, capture_output=True, env={"PYTHONPATH": str(tmp_path),
                                                                   "PATH": "/usr/bin:/bin",
                                                                   "LIAISE_DATA_DIR": str(tmp_path / "var")})
    wanted = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(copy / "locale" / reference / "LC_MESSAGES"
                                                                           / "django.po"))}
    for code in LANGUAGES:
        assert catalogue(code).exists(), f"no catalogue for {code}"
        have = {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(catalogue(code)))}
        missing = sorted(msgid for _ctx, msgid in wanted - have)
        assert not missing, f"{code} lacks {len(missing)} strings (make messages, then translate): {missing[:5]}"
