from django.core.management.base import BaseCommand

from search.index import rebuild


class Command(BaseCommand):
    help = (
        "Writes the search index anew from the records it covers (events, documents, "
        "municipalities, …). Running it again gives the same index."
    )

    def handle(self, *args, **options):
        written = rebuild()
        self.stdout.write(self.style.SUCCESS(f"Search index rebuilt: {written} entries."))
