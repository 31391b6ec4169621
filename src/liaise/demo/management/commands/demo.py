from django.core.management.base import BaseCommand, CommandError

from liaise.demo import loader


class Command(BaseCommand):
    help = "Load the LIAISE 2 demo data (idempotent). --reset removes the demo first."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="remove the demo data, then load it again")
        parser.add_argument("--practices", type=int, default=None, metavar="N",
                            help="also generate N synthetic practices for benchmarks (replacing earlier ones)")

    def handle(self, *args, reset=False, practices=None, **options):
        if practices is not None and not 0 <= practices <= 2_000_000:
            raise CommandError("--practices takes a number between 0 and 2,000,000.")
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
        self.stdout.write(
            "Practice library: {library_practices} demo practices, {library_resources} publications.".format(**figures)
        )
        self.stdout.write(
            "Work plan: {work_packages} work packages, {deliverables} deliverables, {grant_milestones} milestones, "
            "{risks} risks; {indicators} indicators, {reported_values} reported values.".format(**figures)
        )
        if practices is not None:
            from liaise.demo.library_loader import generate_practices

            generate_practices(practices, stream=self.stderr._out)
            self.stdout.write(self.style.SUCCESS(f"{practices:,} synthetic practices generated and indexed."))
        if not figures["accounts"]:
            self.stdout.write("Production mode: no demo accounts were created.")
