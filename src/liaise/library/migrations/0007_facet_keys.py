"""``Practice.facet_keys``: a practice's topics and audiences in its own row, for the search's facet counts
(``queries.facets``); filled here from the links, kept by ``services.refresh_facet_keys`` afterwards."""

from django.db import migrations, models


def fill(apps, schema_editor):
    from liaise.library.services import refresh_facet_keys

    refresh_facet_keys()


class Migration(migrations.Migration):
    dependencies = [("library", "0006_stemmed_fts")]
    operations = [
        migrations.AddField(
            model_name="practice",
            name="facet_keys",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
