"""``liaise personal-data export EMAIL -o FILE.zip`` and ``liaise personal-data erase EMAIL [--yes]``: the data
controller answers a data subject's request made by post or email (GDPR Articles 15, 17 and 20).

``export`` writes the same ZIP the person would download from their "Your data" page. ``erase`` erases the account
at once (no grace period: the request was checked by the controller), after asking for the address again unless
``--yes``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from liaise.accounts import data_rights_service
from liaise.core.errors import NotFound


class Command(BaseCommand):
    help = "Export or erase everything Liaise holds about a person, found by their account's email address."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", metavar="export|erase", required=True)
        export = actions.add_parser("export", help="write the person's data as a ZIP of JSON files")
        export.add_argument("email", metavar="EMAIL")
        export.add_argument("-o", "--output", metavar="FILE.zip",
                            help="where to write it (default: liaise-data-<date>.zip here)")
        erase = actions.add_parser("erase", help="erase the person's account now (no grace period)")
        erase.add_argument("email", metavar="EMAIL")
        erase.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def _user(self, email):
        try:
            return data_rights_service.find_user(email)
        except NotFound:
            raise CommandError(f"no account has the email address {email!r}.") from None

    def handle(self, *args, action, email, **options):
        user = self._user(email)
        if action == "export":
            path = Path(options.get("output") or data_rights_service.export_filename())
            try:
                path.write_bytes(data_rights_service.export_zip(user))
            except OSError as exc:
                raise CommandError(f"cannot write {path}: {exc.strerror or exc}.") from None
            self.stdout.write(str(path.resolve()))
            return
        if not options.get("yes"):
            self.stdout.write(f"This erases the account of {user.email} now, and cannot be undone.")
            try:
                answer = input("Type the email address again to confirm: ")
            except EOFError:
                answer = ""
            if answer.strip().lower() != user.email.lower():
                raise CommandError("not confirmed: nothing was erased.")
        counts = data_rights_service.erase(user)
        total = sum(n for part in counts.values() for n in part.values())
        self.stdout.write(f"Erased the account of {email} ({total} records deleted or anonymised).")
