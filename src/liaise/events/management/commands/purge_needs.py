from django.core.management.base import BaseCommand

from liaise.events import services


class Command(BaseCommand):
    help = ("Delete the accessibility and dietary needs of registrations for events that are over (they can "
            "reveal health or religion). The worker runs it daily (liaise.core.schedule).")

    def handle(self, *args, **options):
        purged = services.purge_needs()
        self.stdout.write(f"Deleted the needs of {purged} registration(s) for past events.")
