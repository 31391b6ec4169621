"""A slug for a new row: the title's, made unique by ``-2``, ``-3``... (one definition for every app)."""

from django.db.models import QuerySet
from django.utils.text import slugify

MAX_BASE = 100


def unique_slug(rows: QuerySet, text: str, fallback: str, *, reserved=(), exclude_pk=None) -> str:
    """``text`` slugified (``fallback`` when that leaves nothing), not among ``rows``' slugs (``exclude_pk``: the
    row being renamed), and never a ``reserved`` word that names a fixed page (``new`` becomes ``new-<fallback>``)."""
    base = slugify(text)[:MAX_BASE] or fallback
    if base in reserved:
        base = f"{base}-{fallback}"
    slug, n = base, 2
    while rows.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
