import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from liaise.core.uploads import validate_upload


def office(kind: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if kind == "docx" else "ppt/presentation.xml", "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("a.png", b"\x89PNG\r\n\x1a\n....", "image/png"),
        ("photo.jpeg", b"\xff\xd8\xff\xe0....", "image/jpeg"),
        ("a.docx", office("docx"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.pptx", office("pptx"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("a.odt", office("odt"), "application/vnd.oasis.opendocument.text"),
        ("misnamed.txt", b"%PDF-1.4\n", "application/pdf"),  # the content decides, not the name
    ],
)
def test_accepted_kinds(name, content, expected):
    assert validate_upload(SimpleUploadedFile(name, content)) == expected


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("setup.pdf", b"MZ\x90\x00\x03\x00\x00\x00", "not accepted"),  # a renamed executable
        ("page.pdf", b"<!DOCTYPE html><script>alert(1)</script>", "not accepted"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 40, "not accepted"),  # a broken zip named .docx
        ("empty.pdf", b"", "The file is empty"),
    ],
)
def test_refused_with_a_clear_message(name, content, message):
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content))


def test_size_limit(settings):
    settings.LIAISE_MAX_UPLOAD_MB = 1
    with pytest.raises(ValidationError, match="larger than 1 MB"):
        validate_upload(SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (1024 * 1024)))
