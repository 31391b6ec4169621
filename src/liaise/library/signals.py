"""Keep the search index in sync whatever writes: a save or delete of a practice or a resource (cascades and
the admin included) re-indexes it in the same transaction, so a rolled-back write leaves the index as it was.
Only published records are indexed: publishing and unpublishing are saves like any other. Likewise a practice's
``facet_keys`` follow every change of its topic and audience links (``services.refresh_facet_keys``)."""

from django.db import connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

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


def _refresh_facet_keys(ids) -> None:
    from .services import refresh_facet_keys

    refresh_facet_keys(ids)


def _topics_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """A practice's topics (or a topic's practices) added, removed or cleared: their ``facet_keys`` again."""
    if reverse and action == "pre_clear":  # a topic's practices, about to be unlinked
        instance._cleared_practices = list(instance.practices.values_list("pk", flat=True))
    elif action in ("post_add", "post_remove", "post_clear"):
        if not reverse:
            _refresh_facet_keys([instance.pk])
        else:
            _refresh_facet_keys(pk_set if action != "post_clear" else getattr(instance, "_cleared_practices", []))


def _audience_deleted(sender, instance, **kwargs):
    _refresh_facet_keys([instance.practice_id])


def _topic_deleting(sender, instance, **kwargs):
    """A topic's links go with it, without a signal of their own (Django sends none for an automatic through
    model): its practices are noted before, and their ``facet_keys`` recomputed after."""
    instance._practices_linked = list(instance.practices.values_list("pk", flat=True))


def _topic_deleted(sender, instance, **kwargs):
    _refresh_facet_keys(getattr(instance, "_practices_linked", []))


def _audience_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _refresh_facet_keys([instance.practice_id])


def connect() -> None:
    from liaise.network.models import Topic

    from .models import Practice, PracticeAudience, Resource

    m2m_changed.connect(_topics_changed, sender=Practice.topics.through, dispatch_uid="library-practice-topics")
    pre_delete.connect(_topic_deleting, sender=Topic, dispatch_uid="library-topic-deleting")
    post_delete.connect(_topic_deleted, sender=Topic, dispatch_uid="library-topic-deleted")
    post_save.connect(_audience_saved, sender=PracticeAudience, dispatch_uid="library-audience-saved")
    post_delete.connect(_audience_deleted, sender=PracticeAudience, dispatch_uid="library-audience-deleted")

    post_save.connect(_practice_saved, sender=Practice, dispatch_uid="library-practice-saved")
    post_delete.connect(_practice_deleted, sender=Practice, dispatch_uid="library-practice-deleted")
    post_save.connect(_resource_changed, sender=Resource, dispatch_uid="library-resource-saved")
    post_delete.connect(_resource_deleted, sender=Resource, dispatch_uid="library-resource-deleted")
