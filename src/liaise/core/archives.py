"""Reading uploaded ZIP archives (DOCX, PPTX, ODT) and their XML without trusting them.

A 1 MB archive can expand to gigabytes and an XML member can declare entities that expand to gigabytes
("billion laughs") or fetch other files. Every read here is bounded:

* the number of members (``LIAISE_UPLOAD_MAX_MEMBERS``, default 2,000);
* the total expanded size (``LIAISE_UPLOAD_MAX_EXPANDED_MB``, default 50 MB), both as the archive declares it and
  as actually read, member by member, in chunks — never ``ZipFile.read`` of a whole member;
* each member's compression ratio (``LIAISE_UPLOAD_MAX_RATIO``, default 100:1, for members above 1 MB);
* XML is parsed with defusedxml, with no DTD, entity or external reference allowed, incrementally (no tree is
  built: only the text is kept, up to a limit).

Anything beyond a bound raises :class:`ArchiveError`, whose message is for a person.
"""

import zipfile
from collections.abc import Iterator

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from django.conf import settings
from django.utils.translation import gettext as _

CHUNK = 64 * 1024
RATIO_FROM_BYTES = 1024 * 1024  # a small member may compress very well (repetitive XML): only larger ones count


class ArchiveError(ValueError):
    """An archive or XML member refused: ``str(exc)`` is the message for a person."""


class NotAnArchive(ArchiveError):
    """The bytes are not a ZIP archive that can be opened at all."""


def max_members() -> int:
    return max(1, int(getattr(settings, "LIAISE_UPLOAD_MAX_MEMBERS", 2000)))


def max_expanded_bytes() -> int:
    return max(1, int(getattr(settings, "LIAISE_UPLOAD_MAX_EXPANDED_MB", 50))) * 1024 * 1024


def max_ratio() -> int:
    return max(1, int(getattr(settings, "LIAISE_UPLOAD_MAX_RATIO", 100)))


def _too_large() -> ArchiveError:
    return ArchiveError(
        _("This file expands to more than %(mb)d MB when unpacked: it is refused.")
        % {"mb": max_expanded_bytes() // (1024 * 1024)}
    )


class BoundedArchive:
    """A ZIP archive opened with its bounds checked; members are read through :meth:`chunks` / :meth:`read`,
    which count every expanded byte against the archive's total."""

    def __init__(self, fileobj):
        try:
            self._zip = zipfile.ZipFile(fileobj)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
            raise NotAnArchive(_("This file is damaged: it cannot be opened.")) from exc
        if len(infos) > max_members():
            self._zip.close()
            raise ArchiveError(
                _("This file holds more than %(count)d parts: it is refused.") % {"count": max_members()}
            )
        self.members = {info.filename: info for info in infos}
        declared = sum(info.file_size for info in infos)
        if declared > max_expanded_bytes():
            self._zip.close()
            raise _too_large()
        for info in infos:
            if info.file_size > RATIO_FROM_BYTES and info.file_size > max_ratio() * max(info.compress_size, 1):
                self._zip.close()
                raise ArchiveError(
                    _("This file is compressed more than %(ratio)d to 1 (an archive bomb?): it is refused.")
                    % {"ratio": max_ratio()}
                )
        self.expanded = 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self._zip.close()

    def names(self) -> list[str]:
        return list(self.members)

    def chunks(self, name: str, limit: int | None = None) -> Iterator[bytes]:
        """The member's bytes in chunks of at most 64 KB, stopping at ``limit`` bytes of it (if given); raises
        ArchiveError once the archive's total expanded bytes pass the cap."""
        cap = max_expanded_bytes()
        read = 0
        try:
            with self._zip.open(self.members[name]) as member:
                while True:
                    size = CHUNK if limit is None else min(CHUNK, limit - read)
                    if size <= 0:
                        return
                    data = member.read(size)
                    if not data:
                        return
                    read += len(data)
                    self.expanded += len(data)
                    if self.expanded > cap:
                        raise _too_large()
                    yield data
        except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            # a bad CRC, an unknown compression method, an encrypted member
            raise ArchiveError(_("This file is damaged: it cannot be opened.")) from exc

    def read(self, name: str, limit: int) -> bytes:
        """At most ``limit`` bytes of the member (a small one: the ODF ``mimetype``, the head of an XML part)."""
        return b"".join(self.chunks(name, limit))


def _has_dtd(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode()
    head = head.upper()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def check_xml_heads(archive: BoundedArchive, head_bytes: int = 8192) -> None:
    """Refuse an archive whose XML parts declare a DTD or entities (never in a real DOCX, PPTX or ODT): the
    declarations come before the root element, so the head of each part is enough for an upload check. The
    text extraction's parser refuses them wherever they are."""
    for name in archive.names():
        if name.endswith((".xml", ".rels")) and _has_dtd(archive.read(name, head_bytes)):
            raise ArchiveError(_("This file contains XML declarations that are not accepted (DTD or entities)."))


class _TextTarget:
    """A parser target that keeps only the character data, each text node as one piece, up to ``limit``."""

    def __init__(self, limit: int):
        self.limit, self.size, self.pieces, self._current = limit, 0, [], []

    def _flush(self):
        if self._current:
            piece = "".join(self._current)
            self._current = []
            self.pieces.append(piece)
            self.size += len(piece) + 1

    def start(self, tag, attrib):
        self._flush()

    def end(self, tag):
        self._flush()

    def data(self, text):
        self._current.append(text)

    def close(self):
        self._flush()
        return None

    @property
    def full(self) -> bool:
        return self.size + sum(map(len, self._current)) >= self.limit


def xml_text(chunks, limit: int) -> str:
    """The text of an XML document given as byte chunks, each text node separated by a space, at most about
    ``limit`` characters (the reading stops there). Raises ArchiveError for a DTD, an entity or broken XML."""
    target = _TextTarget(limit)
    parser = DefusedXMLParser(target=target, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    try:
        for chunk in chunks:
            parser.feed(chunk)
            if target.full:
                break
        else:
            parser.close()
    except DefusedXmlException as exc:
        raise ArchiveError(_("This file contains XML declarations that are not accepted (DTD or entities).")) from exc
    except SyntaxError as exc:  # ElementTree.ParseError
        raise ArchiveError(_("This file is damaged: its text cannot be read.")) from exc
    target.close()
    return " ".join(target.pieces)[:limit]
