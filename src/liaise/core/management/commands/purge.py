from django.core.management.base import BaseCommand

from liaise.core.personal_data import apply_retention


class Command(BaseCommand):
    help = ("Apply every retention policy of the register of personal data (liaise.core.personal_data), as the "
            "worker's daily apply_retention job does: for a cron job where `liaise worker` does not run. Prints "
            "one line a policy with what it anonymised or deleted.")

    def handle(self, *args, **options):
        for path, result in apply_retention().items():
            self.stdout.write(f"{path}: {result}")
