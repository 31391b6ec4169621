"""Dependencies between the apps point one way and never back: the import-linter contracts in pyproject.toml
([tool.importlinter], also run by `make lint`) hold for the code as it is, and they really fail on a copy of
the code given an upward import, an import between two independent apps, and an app left out of the layers."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = shutil.which("lint-imports", path=str(Path(sys.executable).parent)) or shutil.which("lint-imports")


def lint_imports(directory: Path, pythonpath: Path) -> subprocess.CompletedProcess:
    """Run the contracts of ``directory``/pyproject.toml on the ``liaise`` package found in ``pythonpath``."""
    env = {**os.environ, "PYTHONPATH": str(pythonpath), "COLUMNS": "200", "NO_COLOR": "1"}
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--config", str(directory / "pyproject.toml")],
        cwd=directory, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def test_the_code_keeps_every_contract():
    result = lint_imports(ROOT, ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_the_contracts_fail_on_an_upward_import(tmp_path):
    # A copy of the package, the same contracts, and four wrong imports.
    shutil.copytree(ROOT / "src" / "liaise", tmp_path / "liaise", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    package = tmp_path / "liaise"
    (package / "events" / "upward.py").write_text("from liaise.live import models\n")
    (package / "live" / "sideways.py").write_text("from liaise.learning import models\n")
    (package / "library" / "leaf.py").write_text("import liaise.live\n")
    (package / "newapp").mkdir()
    (package / "newapp" / "__init__.py").write_text("")

    result = lint_imports(tmp_path, tmp_path)

    assert result.returncode == 1, result.stdout + result.stderr
    assert "Contracts: 0 kept, 2 broken." in result.stdout
    assert "liaise.events.upward -> liaise.live.models (l.1)" in result.stdout
    assert "liaise.live.sideways -> liaise.learning.models (l.1)" in result.stdout
    assert "liaise.library.leaf -> liaise.live (l.1)" in result.stdout
    assert "- liaise.newapp\n" in result.stdout


def test_no_form_uses_djangos_unbounded_fields_directly():
    """A 40-digit id in Django's ModelChoiceField/ModelMultipleChoiceField reaches the database (on SQLite an
    OverflowError: a 500), a date in year 9999 overflows once a time zone or some days are added: every form uses
    liaise.core.fields' bounded ones (and its ModelForm, which gives them to a model's fields) instead."""
    import ast

    names = {"ModelChoiceField", "ModelMultipleChoiceField", "DateField", "DateTimeField", "ModelForm"}
    offenders = []
    for path in sorted((ROOT / "src" / "liaise").rglob("*.py")):
        if path == ROOT / "src" / "liaise" / "core" / "fields.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            used = []
            if isinstance(node, ast.Call):
                used = [node.func]
            elif isinstance(node, ast.ClassDef):
                used = node.bases
            offenders += [f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(e)}" for e in used
                          if isinstance(e, ast.Attribute) and e.attr in names
                          and isinstance(e.value, ast.Name) and e.value.id == "forms"]
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("django.forms"):
                offenders += [f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{alias.name}"
                              for alias in node.names if alias.name in names]
    assert offenders == []
