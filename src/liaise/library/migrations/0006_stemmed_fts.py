"""SQLite: the FTS5 tables hold stems in five languages (``search.stemming``) instead of FTS5's English porter
tokens: dropped, created again and rebuilt. PostgreSQL is unchanged (its configurations stem each language)."""

from django.db import migrations


def _recreate(schema_editor):
    from liaise.library import search

    backend = search.backend_for(schema_editor.connection)
    if backend.vendor != "sqlite":
        return
    for spec in (search.PRACTICES, search.RESOURCES):
        backend.uninstall(spec)
        backend.install(spec)
        backend.rebuild(spec)


def forwards(apps, schema_editor):
    _recreate(schema_editor)


def backwards(apps, schema_editor):
    # The tables of 0002 used the porter tokenizer; the code that fills them now writes stems: rebuilt the same.
    _recreate(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("library", "0005_search_tuning")]
    operations = [migrations.RunPython(forwards, backwards)]
