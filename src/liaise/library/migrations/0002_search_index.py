"""The search indexes: FTS5 tables on SQLite, a weighted tsvector column with a GIN index on PostgreSQL
(see liaise.library.search)."""

from django.db import migrations


def install(apps, schema_editor):
    from liaise.library import search

    backend = search.backend_for(schema_editor.connection)
    for spec in (search.PRACTICES, search.RESOURCES):
        backend.install(spec)
        backend.rebuild(spec)


def uninstall(apps, schema_editor):
    from liaise.library import search

    backend = search.backend_for(schema_editor.connection)
    for spec in (search.PRACTICES, search.RESOURCES):
        backend.uninstall(spec)


class Migration(migrations.Migration):
    dependencies = [("library", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
