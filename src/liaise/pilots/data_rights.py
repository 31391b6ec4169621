"""Data-subject rights for pilots: journal entries, ideas and comments a person wrote. Others rely on them, so
erasure keeps them, attributed to "a former member" (the pages show that for a missing author)."""

from liaise.core.personal_data import eraser, exporter

from .models import Comment, Idea, Update


@exporter("pilots")
def export_pilots(user) -> dict:
    """What you wrote about pilot projects: journal entries, ideas on the exchange board, comments."""
    return {
        "journal_entries": list(Update.objects.filter(author=user).values(
            "pilot__slug", "kind", "stage", "text", "created")),
        "ideas": list(Idea.objects.filter(author=user).values(
            "pk", "project__acronym", "organisation__slug", "title", "text", "created")),
        "comments": list(Comment.objects.filter(author=user).values("pilot__slug", "idea_id", "text", "created")),
    }


@eraser("pilots")
def erase_pilots(user) -> dict:
    """Keep what was written, without its author."""
    return {
        "journal_entries": Update.objects.filter(author=user).update(author=None),
        "ideas": Idea.objects.filter(author=user).update(author=None),
        "comments": Comment.objects.filter(author=user).update(author=None),
    }
