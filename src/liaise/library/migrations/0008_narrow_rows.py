"""PostgreSQL: the texts of a practice's (and a resource's) row moved out to TOAST beyond 1 KB (see
``PostgresBackend._tune``); every row written again (``rebuild``) so that it takes the new storage."""

from django.db import migrations


def tune(apps, schema_editor):
    from liaise.library import search

    backend = search.backend_for(schema_editor.connection)
    if backend.vendor != "postgresql":
        return
    for spec in (search.PRACTICES, search.RESOURCES):
        backend._tune(spec)
        backend.rebuild(spec)


class Migration(migrations.Migration):
    dependencies = [("library", "0007_facet_keys")]
    operations = [migrations.RunPython(tune, migrations.RunPython.noop)]
