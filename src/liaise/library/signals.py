"""Keep the search index in sync whatever writes: a save or delete of a practice or a resource (cascades and
the admin included) re-indexes it in the same transaction, so a rolled-back write leaves the index as it was.
Only published records are indexed: publishing and unpublishing are saves like any other."""

from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save

from . import search


def _practice_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    backend = search.backend_for(connection)
    backend.sync(search.PRACTICES, [instance.pk])
    # A practice's resources are searchable while it is published.
    resource_ids = list(instance.resources.values_list("pk", flat=True))
    if resource_ids:
        backend.sync(search.RESOURCES, resource_ids)


def _practice_deleted(sender, instance, **kwargs):
    search.backend_for(connection).sync(search.PRACTICES, [instance.pk])


def _resource_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    search.backend_for(connection).sync(search.RESOURCES, [instance.pk])


def _resource_deleted(sender, instance, **kwargs):
    search.backend_for(connection).sync(search.RESOURCES, [instance.pk])
    if instance.file:
        # The file goes once the deletion is committed (never for a rolled-back one).
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))


def connect() -> None:
    from .models import Practice, Resource

    post_save.connect(_practice_saved, sender=Practice, dispatch_uid="library-practice-saved")
    post_delete.connect(_practice_deleted, sender=Practice, dispatch_uid="library-practice-deleted")
    post_save.connect(_resource_changed, sender=Resource, dispatch_uid="library-resource-saved")
    post_delete.connect(_resource_deleted, sender=Resource, dispatch_uid="library-resource-deleted")
