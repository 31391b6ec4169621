"""Checking uploaded files by their content (magic bytes), never by their name.

Accepted: PDF, DOCX, PPTX, ODT, PNG, JPEG. An Office or OpenDocument file is a ZIP archive: it is recognised
by the entries inside it, so a renamed ZIP, an executable or an HTML page named ``.pdf`` is refused. Archives are
opened through :mod:`liaise.core.archives`: an archive bomb (too many parts, too large once expanded, compressed
beyond the ratio) or an XML part with a DTD or entities is refused with a message.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from liaise.core.archives import ArchiveError, BoundedArchive, NotAnArchive, check_xml_heads

ACCEPTED = {
    "application/pdf": ".pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
    "application/vnd.oasis.opendocument.text": ".odt",
    "image/png": ".png",
    "image/jpeg": ".jpg",
}


def max_upload_bytes() -> int:
    return getattr(settings, "LIAISE_MAX_UPLOAD_MB", 20) * 1024 * 1024


def sniff(upload) -> str | None:
    """The content type of ``upload`` read from its bytes, or None when it is not an accepted kind."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            return _sniff_archive(upload)
        except ArchiveError:
            return None
        finally:
            upload.seek(0)
    return None


def _sniff_archive(upload) -> str | None:
    """The kind of an Office/OpenDocument archive; raises ArchiveError for a bomb, a damaged archive or XML
    parts with a DTD or entities."""
    with BoundedArchive(upload) as archive:
        names = set(archive.names())
        odt = "application/vnd.oasis.opendocument.text"
        kind = None
        if "mimetype" in names and archive.read("mimetype", 100).strip() == odt.encode():
            kind = odt
        elif "[Content_Types].xml" in names:
            if any(n.startswith("word/") for n in names):
                kind = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            elif any(n.startswith("ppt/") for n in names):
                kind = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
        if kind is not None:
            check_xml_heads(archive)
        return kind


def validate_upload(upload) -> str:
    """Raise ValidationError with a message for a person, or return the file's content type."""
    if upload is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_upload_bytes():
        raise ValidationError(
            _("The file is larger than %(mb)d MB.") % {"mb": max_upload_bytes() // (1024 * 1024)}
        )
    upload.seek(0)
    if upload.read(4) == b"PK\x03\x04":
        try:
            content_type = _sniff_archive(upload)
        except NotAnArchive:
            content_type = None  # a broken or disguised file: "not accepted" below
        except ArchiveError as exc:
            raise ValidationError(str(exc)) from None
        finally:
            upload.seek(0)
    else:
        content_type = sniff(upload)
    if content_type is None:
        raise ValidationError(_("This kind of file is not accepted: upload a PDF, DOCX, PPTX, ODT, PNG or JPEG file."))
    return content_type
