"""The ``liaise`` command: Django's management entry point plus ``serve`` and ``demo``.

Configuration errors (a missing secret in production, a malformed ``DATABASE_URL``, an unreachable database)
end the command with one line on stderr and exit status 2, never a traceback.
"""

import os
import sys


def fail(message: str) -> None:
    sys.stderr.write(f"liaise: error: {message}\n")
    raise SystemExit(2)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaise.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "liaise"

    from django.core.exceptions import ImproperlyConfigured
    from django.db.utils import OperationalError

    try:
        import django

        django.setup()
        from django.core.management import execute_from_command_line

        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        fail(str(exc).splitlines()[0] if str(exc) else "the configuration is not usable.")
    except OperationalError as exc:
        fail(f"the database is not reachable or not usable ({str(exc).strip().splitlines()[0]}); "
             "check DATABASE_URL.")


if __name__ == "__main__":
    main()
