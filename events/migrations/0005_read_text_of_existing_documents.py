"""Documents uploaded before their text was kept: read it once now."""

from django.db import migrations


def read_existing(apps, schema_editor):
    from events.extraction import extract_text

    EventDocument = apps.get_model("events", "EventDocument")
    for document in EventDocument.objects.filter(file_size__isnull=True).iterator():
        try:
            with document.file.open("rb") as file:
                document.extracted_text = extract_text(file, document.file.name)
            document.file_size = document.file.size
        except OSError:
            continue
        document.save(update_fields=["extracted_text", "file_size"])


class Migration(migrations.Migration):
    dependencies = [("events", "0004_topics_and_file_text")]

    operations = [migrations.RunPython(read_existing, migrations.RunPython.noop)]
