"""Office Open XML packages (``.xlsx`` workbooks, the ``.docx`` template), checked before they
are opened.

An ``.xlsx`` or ``.docx`` file is a zip package of XML parts. What opening one costs is set by
what its parts expand to, not by the file's size: a 2 MB workbook can expand to gigabytes.
:func:`package_problem` reads only the package's directory and the first bytes of each XML part,
and says in plain English when the file

- is encrypted: protected by a password or a sensitivity label (Office then saves it as an
  encrypted compound file, not a zip package), or a zip entry is protected by a password;
- is an older binary Office file given the new name (``.xls`` saved as ``.xlsx``);
- would expand to more than :data:`LARGEST_EXPANDED` in all, or a part expands more than
  :data:`LARGEST_RATIO` times (what a "zip bomb" does; real workbooks expand about 10 times);
- has an XML part with a document type declaration (DTD), which Office never writes: its
  entities can expand without bound ("billion laughs"), and Word will not open a document
  that has one.

Zip readers stop at each part's declared size, so the declared sizes bound what reading costs.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.ingest.files import size_text

LARGEST_EXPANDED = 1 << 30
"""The most the parts of one workbook or template may expand to in all (1 GB): the sample
register, saved as ``.xlsx`` by LibreOffice, expands to 0.66 MB, so this is over fifteen hundred
times it."""

LARGEST_RATIO = 200
"""The most a part larger than :data:`_SMALL_PART` may expand, compared with its compressed size.
Workbooks written by Excel and LibreOffice expand about 10 times (the sample register's sheet,
9.6 times), a sheet of one value repeated some tens of times."""

_SMALL_PART = 1 << 20  # parts smaller than this may expand as they like: they cost little
# The start of an OLE compound file: how Office saves an encrypted (password or sensitivity
# label) document, and how it saved .xls and .doc files before 2007.
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAMS = ("EncryptedPackage", "EncryptionInfo")
_ENCRYPTED = (
    "{name} is encrypted (protected by a password or a sensitivity label), so it cannot be "
    "read: ask whoever made it for a copy saved without the password (in Excel or Word: File, "
    "Info, Protect, Encrypt with Password, then clear it) or with a label that does not encrypt"
)
_PROLOG_LOOKED_AT = 64 << 10  # how far into a part its document type declaration may be sought
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY")


def _encrypted_compound(path: Path) -> bool:
    """Whether a compound file holds an encrypted Office package (its stream names in UTF-16)."""
    data = path.read_bytes()
    return any(stream.encode("utf-16-le") in data for stream in _ENCRYPTED_STREAMS)


def _prolog(package: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes | None:
    """The part's text before its root element (where a document type declaration must be);
    None when the root element does not begin within the first 64 KB, which no Office
    program writes (a declaration could hide past what is looked at)."""
    with package.open(info) as part:
        start = part.read(_PROLOG_LOOKED_AT)
    index = 0
    while True:  # past the XML declaration, comments and declarations to the first element
        index = start.find(b"<", index)
        if index < 0 or index + 1 >= len(start):
            return start if len(start) < _PROLOG_LOOKED_AT else None
        following = start[index + 1 : index + 2]
        if following not in (b"?", b"!"):
            return start[:index]
        index += 1


def package_problem(path: Path, name: str, what: str, save_as: str) -> str | None:
    """Why ``path`` cannot be opened as an Office package (``what``: "an Excel workbook"),
    in plain English; None when it can, or when it is no zip package at all (the reader that
    opens it then says so). ``save_as`` tells how to save it again."""
    try:
        with open(path, "rb") as handle:
            start = handle.read(len(_COMPOUND_FILE))
    except OSError as exc:
        return f"{name} cannot be read: {exc.strerror or exc}"
    if start == _COMPOUND_FILE:
        if _encrypted_compound(path):
            return _ENCRYPTED.format(name=name)
        return (
            f"{name} is an older binary Office file (Excel 97-2003 or Word 97-2003) named as "
            f"{what}: {save_as}"
        )
    try:
        with zipfile.ZipFile(path) as package:
            return _parts_problem(package, name, save_as)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return None  # not a package at all: the reader that opens it says so


def _parts_problem(package: zipfile.ZipFile, name: str, save_as: str) -> str | None:
    infos = package.infolist()
    if any(info.flag_bits & 0x1 for info in infos):
        return _ENCRYPTED.format(name=name)
    expanded = sum(info.file_size for info in infos)
    if expanded > LARGEST_EXPANDED:
        return (
            f"{name} would expand to {size_text(expanded)} when opened, more than the "
            f"{size_text(LARGEST_EXPANDED)} the pipeline opens: check that it is the right file"
        )
    for info in infos:
        ratio = info.file_size // max(info.compress_size, 1)
        if info.file_size > _SMALL_PART and ratio > LARGEST_RATIO:
            return (
                f"{name}: its part {info.filename} would expand {ratio:,} times when opened (to "
                f"{size_text(info.file_size)}), which no workbook or document saved by Office "
                f"does: check that it is the right file, or {save_as}"
            )
    for info in infos:
        if not info.filename.endswith((".xml", ".rels", ".vml")):
            continue
        prolog = _prolog(package, info)
        if prolog is None:
            return (
                f"{name}: its part {info.filename} does not begin as Office writes XML (no "
                f"element in its first {size_text(_PROLOG_LOOKED_AT)}): {save_as}"
            )
        if any(declaration in prolog for declaration in _DECLARATIONS):
            return (
                f"{name}: its part {info.filename} has a document type declaration (DTD), "
                f"which Office never writes and which could make it expand without bound: "
                f"{save_as}"
            )
    return None
