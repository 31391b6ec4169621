from django.core.management.base import BaseCommand

from liaise.demo import loader


class Command(BaseCommand):
    help = "Load the LIAISE 2 demo data (idempotent). --reset removes the demo first."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="remove the demo data, then load it again")

    def handle(self, *args, reset=False, **options):
        if reset:
            loader.reset()
            self.stdout.write("Removed the demo data.")
        figures = loader.load()
        self.stdout.write(self.style.SUCCESS(
            "LIAISE 2 demo loaded: {partners} partners, {organisations} organisations, {topics} topics, "
            "{accounts} demo accounts; {events} events, {sessions} sessions, {registrations} registrations; "
            "{trainings} trainings, {pilots} pilots."
            .format(**figures)
        ))
        if not figures["accounts"]:
            self.stdout.write("Production mode: no demo accounts were created.")
