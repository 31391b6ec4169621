from django.core.management.base import BaseCommand

from liaise.live import services


class Command(BaseCommand):
    help = ("Delete live Q&A stream entries older than --days (default 2; they only serve reconnecting clients) "
            "and finished rate-limit windows.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=2)

    def handle(self, *args, days, **options):
        changes, buckets = services.purge(days=max(days, 0))
        self.stdout.write(f"Deleted {changes} stream entries and {buckets} rate-limit windows.")
