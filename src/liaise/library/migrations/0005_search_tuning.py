"""PostgreSQL: the GIN indexes without a pending list and the tsvectors kept in their rows (see
``PostgresBackend._tune`` and ``_create_index``); every row re-indexed so that it takes the new storage."""

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
    dependencies = [("library", "0004_unpublished_index")]
    operations = [migrations.RunPython(tune, migrations.RunPython.noop)]
