"""Rate limits counted in the database, so every server process shares them: ``allow(scope, subject, limit,
seconds)`` counts one hit of ``subject`` (a client address from ``liaise.core.clients.client_address``, an
account's email…) in the current window of ``seconds`` and answers whether it is within ``limit``. Only an HMAC
of scope and subject is stored (``RateCount``), and rows of finished windows are deleted as we go and daily.
(The live Q&A keeps its own per-minute buckets inside its serialised transactions: ``live.RateBucket``.)"""

import hashlib
import hmac
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import RateCount


def key_of(scope: str, subject: str) -> str:
    digest = hmac.new(settings.SECRET_KEY.encode(), f"{scope}\0{subject}".encode(), hashlib.sha256).hexdigest()
    return f"{scope[:20]}:{digest[:56]}"


def allow(scope: str, subject: str, limit: int, seconds: int, now: datetime | None = None) -> bool:
    """Count one hit; False (and the hit is not counted) once ``limit`` hits were counted in this window."""
    now = now or timezone.now()
    start = datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, tz=now.tzinfo)
    key = key_of(scope, subject)
    with transaction.atomic():
        RateCount.objects.filter(expires__lt=now).delete()
        row, _created = RateCount.objects.get_or_create(
            key=key, window=start, defaults={"expires": start + timedelta(seconds=seconds)})
        # one conditional UPDATE: exact across processes, whatever the database
        return RateCount.objects.filter(pk=row.pk, hits__lt=limit).update(hits=F("hits") + 1) == 1


def purge(now: datetime | None = None) -> int:
    """Delete the counts of finished windows (the daily job)."""
    return RateCount.objects.filter(expires__lt=now or timezone.now()).delete()[0]
