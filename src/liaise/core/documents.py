"""Stored documents drawn by the worker (badges, attendance lists, periodic reports): a row per document holds
the file, a ``digest`` of what it shows, when it was ``drawn`` and when a drawing was ``requested``. A download
serves the file while its digest matches what the document would show now; otherwise it asks the worker for a
new one (:func:`ask`, once however often the page is reloaded) and says it is being prepared. The worker draws
outside any transaction, then puts the new file in place under a row lock (:func:`put_in_place`)."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

ASK_AGAIN_AFTER = timedelta(minutes=10)  # a drawing lost with its worker is asked for again after this


def is_current(document, digest: str) -> bool:
    return bool(document.file) and document.digest == digest and document.file.storage.exists(document.file.name)


def ask(document) -> bool:
    """Mark ``document`` as requested unless a drawing was asked for less than ``ASK_AGAIN_AFTER`` ago; True when
    the caller should enqueue the drawing (one drawing at a time: it reads the data when it runs, so a change
    made meanwhile is in it or asks again)."""
    now = timezone.now()
    return bool(type(document).objects.filter(pk=document.pk).filter(
        Q(requested__isnull=True) | Q(requested__lt=now - ASK_AGAIN_AFTER)
    ).update(requested=now))


def put_in_place(document, content, filename: str, digest: str) -> str:
    """Save ``content`` (a ``ContentFile``) as ``document``'s new file and delete the one it replaces once that is
    committed. The row as it is now counts (another drawing, or a purge, may have replaced or deleted it
    meanwhile): a deleted row takes the new file with it. Returns the stored name ("" when the row is gone)."""
    storage = document.file.storage
    name = storage.save(document.file.field.generate_filename(document, filename), content)
    model = type(document)
    with transaction.atomic():
        locked = model.objects.select_for_update().filter(pk=document.pk).first()
        if locked is None:
            transaction.on_commit(lambda: storage.delete(name))
            return ""
        old = locked.file.name if locked.file else ""
        model.objects.filter(pk=document.pk).update(file=name, digest=digest, drawn=timezone.now(), requested=None)
        if old and old != name:
            transaction.on_commit(lambda: storage.delete(old))
    return name


def done_already(document) -> None:
    """The drawing found the stored file current: nothing to draw, the request is answered."""
    type(document).objects.filter(pk=document.pk).update(requested=None)


def delete_file_with_row(sender, instance, **kwargs) -> None:
    """``post_delete`` receiver: a document's file goes with its row, once the deletion is committed."""
    if instance.file:
        name, storage = instance.file.name, instance.file.storage
        transaction.on_commit(lambda: storage.delete(name))
