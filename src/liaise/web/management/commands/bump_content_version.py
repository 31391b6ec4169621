from django.core.management.base import BaseCommand

from liaise.core import cache


class Command(BaseCommand):
    help = "Invalidate every cached page (after bulk writes that bypass model signals)."

    def handle(self, *args, **options):
        cache.bump()
        self.stdout.write(f"Content version is now {cache.current()}.")
