"""Start-up behaviour, run as a user would: the `liaise` command in a subprocess with a clean environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

LIAISE = str(Path(sys.executable).with_name("liaise"))


def run(args, tmp_path, **env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("LIAISE_", "DATABASE_URL", "DJANGO_"))}
    base.update({"LIAISE_DATA_DIR": str(tmp_path)}, **env)
    return subprocess.run([LIAISE, *args], env=base, capture_output=True, text=True, timeout=120, check=False)


PRODUCTION = {
    "LIAISE_DEBUG": "0",
    "LIAISE_SECRET_KEY": secrets.token_urlsafe(50),
    "LIAISE_ALLOWED_HOSTS": "liaise.example.org",
}


def test_check_deploy_passes_in_production_mode(tmp_path):
    result = run(["check", "--deploy", "--fail-level", "WARNING"], tmp_path, **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret(tmp_path):
    env = {**PRODUCTION, "LIAISE_SECRET_KEY": ""}
    result = run(["check"], tmp_path, **env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("liaise: error: LIAISE_SECRET_KEY is not set")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"DATABASE_URL": "nosuchdb://x/y"}, "DATABASE_URL is not usable"),
        ({"LIAISE_DEBUG": "maybe"}, "LIAISE_DEBUG='maybe' is not a boolean"),
        ({"LIAISE_EMAIL": "pigeon"}, "LIAISE_EMAIL='pigeon'"),
    ],
)
def test_misconfiguration_is_one_line(tmp_path, env, message):
    result = run(["check"], tmp_path, **env)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_s3_storage_without_django_storages_is_one_line(tmp_path):
    result = run(["check"], tmp_path, LIAISE_S3_BUCKET="liaise-media")
    assert result.returncode == 2
    assert result.stderr == ("liaise: error: LIAISE_S3_BUCKET is set but django-storages is not installed: "
                             "pip install 'django-storages[s3]'.\n")


def test_uploads_go_to_the_shared_media_root_when_given(tmp_path):
    show = "from django.conf import settings; print(settings.MEDIA_ROOT)"
    assert run(["shell", "-v0", "-c", show], tmp_path).stdout == f"{tmp_path}/media\n"
    shared = tmp_path / "shared"
    assert run(["shell", "-v0", "-c", show], tmp_path, LIAISE_MEDIA_ROOT=str(shared)).stdout == f"{shared}\n"


def test_unreachable_database_is_one_line(tmp_path):
    result = run(["migrate"], tmp_path, DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere")
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("liaise: error: the database is not reachable")
    assert result.stderr.count("\n") == 1


def test_serve_rejects_a_bad_port_before_starting(tmp_path):
    result = run(["serve", "--port", "70000"], tmp_path)
    assert result.returncode != 0
    assert "is not a TCP port" in result.stderr


def test_demo_command_is_idempotent_and_production_has_no_demo_accounts(tmp_path):
    assert run(["migrate"], tmp_path).returncode == 0
    first = run(["demo"], tmp_path)
    second = run(["demo"], tmp_path)
    assert first.returncode == second.returncode == 0
    assert "28 partners, 29 organisations, 8 topics, 5 demo accounts" in second.stdout
    reset = run(["demo", "--reset"], tmp_path)
    assert "Removed the demo data" in reset.stdout
    production = run(["demo", "--reset"], tmp_path, **PRODUCTION)
    assert "0 demo accounts" in production.stdout
    assert "no demo accounts were created" in production.stdout


def test_the_lock_file_pins_every_dependency_within_pyprojects_ranges():
    """`make install` installs the lock file (exact versions, with hashes); pyproject.toml keeps the ranges for
    users of the package. A dependency added to one and not the other fails here: run `make lock`."""
    import tomllib

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    root = Path(__file__).resolve().parent.parent
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    pins, hashed = {}, set()
    for line in (root / "requirements.lock").read_text().splitlines():
        if line and not line.startswith((" ", "#")):
            requirement = Requirement(line.rstrip(" \\"))
            name = canonicalize_name(requirement.name)
            pins[name] = next(iter(requirement.specifier)).version
        elif line.strip().startswith("--hash=sha256:"):
            hashed.add(name)
    assert hashed == set(pins), f"pinned without a hash: {sorted(set(pins) - hashed)}"
    for spec in [*project["dependencies"], *project["optional-dependencies"]["dev"]]:
        requirement = Requirement(spec)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in requirements.lock: run `make lock`"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"requirements.lock pins {name} {pins[name]}, outside pyproject.toml's {requirement.specifier}: "
            "run `make lock`")
@pytest.mark.parametrize(
    ("production", "flags", "loads"),
    [
        (False, {}, True),  # `make run`: the demo as before
        (False, {"no_demo": True}, False),
        (True, {}, False),  # production mode never loads it unasked
        (True, {"demo": True}, True),
    ],
)
def test_serve_loads_the_demo_only_in_development_or_when_asked(settings, production, flags, loads):
    from liaise.web.management.commands.serve import demo_wanted

    settings.PRODUCTION = production
    assert demo_wanted(flags.get("demo", False), flags.get("no_demo", False)) is loads


def test_serve_refuses_demo_and_no_demo_together(tmp_path):
    result = run(["serve", "--demo", "--no-demo"], tmp_path)
    assert result.returncode != 0
    assert "not allowed with argument" in result.stderr


def test_serve_collects_static_files_only_when_they_changed(settings, tmp_path):
    """A restart does not compress every static file again (40 s of CPU in production mode): the collection is
    stamped with what it was made from, and repeated only when a file changed or was added."""
    from liaise.web.management.commands.serve import collect_static

    sources = tmp_path / "sources"
    sources.mkdir()
    (sources / "extra.css").write_text("p { color: black; }")
    settings.STATICFILES_DIRS = [sources]
    settings.STATIC_ROOT = tmp_path / "collected"
    assert collect_static() is True
    assert (tmp_path / "collected" / "extra.css").read_text() == "p { color: black; }"
    assert collect_static() is False
    (sources / "extra.css").write_text("p { color: navy; }")
    # an edit made later than the collection (collectstatic compares modification times to the second)
    later = (tmp_path / "collected" / "extra.css").stat().st_mtime + 5
    os.utime(sources / "extra.css", (later, later))
    assert collect_static() is True
    assert (tmp_path / "collected" / "extra.css").read_text() == "p { color: navy; }"
    (sources / "more.js").write_text("")
    assert collect_static() is True
    assert collect_static() is False
