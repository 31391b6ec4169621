"""Hostile uploads: an archive bomb (1 MB expanding to 1 GB), an XML entity bomb, an external entity, too many
parts. Each is refused at upload with a message, the text extraction (the worker) records a note instead of
crashing, and neither uses more than 300 MB of memory."""

import io
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from liaise.core.archives import ArchiveError, BoundedArchive, xml_text
from liaise.core.uploads import validate_upload
from liaise.library.services import extract_text

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
GB = 1024 ** 3

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<w:document xmlns:w="x"><w:p>&lol9;</w:p></w:document>"""

EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE w [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<w:document xmlns:w="x"><w:p>&secret;</w:p></w:document>"""


def docx(document: str, **extra) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
        for name, content in extra.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def gigabyte_bomb(tmp_path_factory) -> Path:
    """A real DOCX-looking archive of about 1 MB whose word/document.xml expands to 1 GB of zeros."""
    path = tmp_path_factory.mktemp("bombs") / "bomb.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            zeros = b"\0" * (1 << 20)
            for _ in range(1024):
                member.write(zeros)
    return path


def upload_of(content: bytes, name="a.docx"):
    return SimpleUploadedFile(name, content)


def test_the_bomb_is_a_small_file_that_expands_to_a_gigabyte(gigabyte_bomb):
    assert gigabyte_bomb.stat().st_size < 1.1 * 1024 * 1024
    with zipfile.ZipFile(gigabyte_bomb) as archive:
        assert archive.getinfo("word/document.xml").file_size == GB


def test_an_archive_bomb_is_refused_at_upload(gigabyte_bomb):
    with pytest.raises(ValidationError, match="expands to more than 50 MB"):
        validate_upload(upload_of(gigabyte_bomb.read_bytes()))


def test_a_member_compressed_beyond_the_ratio_is_refused(settings):
    settings.LIAISE_UPLOAD_MAX_EXPANDED_MB = 100
    content = docx("<w:document xmlns:w='x'/>", **{"word/media/zeros.bin": b"\0" * (20 * 1024 * 1024)})
    with pytest.raises(ValidationError, match="compressed more than 100 to 1"):
        validate_upload(upload_of(content))


def test_too_many_parts_are_refused():
    content = docx("<w:document xmlns:w='x'/>", **{f"word/part{i}.xml": "<x/>" for i in range(2001)})
    with pytest.raises(ValidationError, match="more than 2000 parts"):
        validate_upload(upload_of(content))


@pytest.mark.parametrize("document", [LAUGHS, EXTERNAL])
def test_xml_with_entities_is_refused_at_upload(document):
    with pytest.raises(ValidationError, match="DTD or entities"):
        validate_upload(upload_of(docx(document)))


def test_a_lying_size_is_caught_while_reading(settings):
    """Beyond the declared sizes, reading counts the bytes actually expanded against the cap (here the cap is
    lowered once the archive is open, as if its sizes had lied)."""
    content = docx("<w:document xmlns:w='x'><w:p>" + "a" * 900_000 + "</w:p></w:document>",
                   **{"word/other.xml": "<x>" + "b" * 900_000 + "</x>"})
    archive = BoundedArchive(io.BytesIO(content))
    settings.LIAISE_UPLOAD_MAX_EXPANDED_MB = 1
    assert len(b"".join(archive.chunks("word/document.xml"))) > 900_000
    with pytest.raises(ArchiveError, match="more than 1 MB"):
        list(archive.chunks("word/other.xml"))


@pytest.mark.parametrize("document", [LAUGHS, EXTERNAL, "<w:document><w:p>broken"])
def test_extraction_records_a_note_for_hostile_xml(document):
    text, note = extract_text(io.BytesIO(docx(document)), DOCX)
    assert text == ""
    assert note.startswith("The text of this file was not read")


def test_extraction_records_a_note_for_the_bomb(gigabyte_bomb):
    with gigabyte_bomb.open("rb") as handle:
        text, note = extract_text(handle, DOCX)
    assert (text, note[:37]) == ("", "The text of this file was not read: T")
    assert "50 MB" in note


def test_extraction_of_a_real_document_keeps_its_words_and_stops_at_the_limit():
    document = "<w:document xmlns:w='x'>" + "<w:p><w:r>Wombat</w:r><w:r>line</w:r></w:p>" * 10 + "</w:document>"
    text, note = extract_text(io.BytesIO(docx(document)), DOCX)
    assert (text.split()[:3], note) == (["Wombat", "line", "Wombat"], "")
    chunks = [b"<a>", b"x" * 100_000, b"y" * 100_000, b"z" * 100_000]
    assert xml_text(iter(chunks), 150_000) == "x" * 100_000 + "y" * 50_000


def test_a_broken_pdf_gives_a_note_not_a_crash():
    text, note = extract_text(io.BytesIO(b"%PDF-1.7\n1 0 obj << /Length 99999999999 >> stream\nxx"), "application/pdf")
    assert text == "" and note


def pdf_bomb(mb: int = 200) -> bytes:
    """A 200 KB PDF whose one content stream inflates to ``mb`` MB."""
    import zlib

    compressor = zlib.compressobj(9)
    parts = [compressor.compress(b"BT /F1 12 Tf (x) Tj ET\n")]
    spaces = b" " * (1024 * 1024)
    parts += [compressor.compress(spaces) for _ in range(mb)]
    data = b"".join(parts) + compressor.flush()
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R>>",
               b"<</Length %d/Filter/FlateDecode>>stream\n" % len(data) + data + b"\nendstream"]
    out, offsets = io.BytesIO(), []
    out.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


CHILD = """
import io, json, resource, sys, django
from django.conf import settings
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.exceptions import ValidationError
from liaise.core.uploads import validate_upload
from liaise.library.services import extract_text
results = []
for argument in sys.argv[1:]:
    path, content_type = argument.split("=")
    with open(path, "rb") as handle:
        content = handle.read()
    try:
        validate_upload(SimpleUploadedFile("a", content))
        results.append("accepted")
    except ValidationError as exc:
        results.append(exc.messages[0])
    results.append(extract_text(io.BytesIO(content), content_type)[1])
def peak_kb():
    # this process's own high-water mark (ru_maxrss may carry the forking parent's, the test run's, across exec)
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"results": results, "kb": peak_kb()}))
"""


def test_a_worker_reading_bombs_stays_under_300_mb(gigabyte_bomb, tmp_path):
    """validate_upload and the extraction, in a fresh process, on the 1 GB archive bomb, the entity bomb and a PDF
    whose stream inflates to 200 MB: its peak resident memory stays under 300 MB (before the bounds: 2.1 GB)."""
    laughs, pdf = tmp_path / "laughs.docx", tmp_path / "bomb.pdf"
    laughs.write_bytes(docx(LAUGHS))
    pdf.write_bytes(pdf_bomb())
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "liaise.settings"}
    completed = subprocess.run(
        [sys.executable, "-c", CHILD, f"{gigabyte_bomb}={DOCX}", f"{laughs}={DOCX}", f"{pdf}=application/pdf"],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    assert report["results"][0].startswith("This file expands to more than 50 MB")
    assert report["results"][1].startswith("The text of this file was not read")
    assert "DTD or entities" in report["results"][2] and "DTD or entities" in report["results"][3]
    assert report["results"][4] == "accepted" and report["results"][5]  # a note: no text (beyond the bound)
    assert report["kb"] < 300 * 1024
