"""Data-subject rights for the library: practices created and resources uploaded (kept, unattributed), and a
practice's contact address when it is the person's own (removed)."""

from liaise.core.personal_data import eraser, exporter

from .models import Practice, Resource


@exporter("library")
def export_library(user) -> dict:
    """The practices you added to the library, the resources you uploaded, and the practices that give your
    email address as their contact."""
    return {
        "practices_created": list(Practice.objects.filter(created_by=user).values("slug", "title", "status")),
        "resources_uploaded": list(Resource.objects.filter(uploaded_by=user).values("pk", "title", "kind")),
        "practices_with_your_contact": list(Practice.objects.filter(contact__iexact=user.email).values(
            "slug", "title", "contact")),
    }


@eraser("library")
def erase_library(user) -> dict:
    """Keep the practices and resources, unattributed; remove the person's address as a practice's contact."""
    return {
        "practices_created": Practice.objects.filter(created_by=user).update(created_by=None),
        "resources_uploaded": Resource.objects.filter(uploaded_by=user).update(uploaded_by=None),
        "practice_contacts": Practice.objects.filter(contact__iexact=user.email).update(contact=""),
    }
