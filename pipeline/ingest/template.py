"""The council's Word template, ``reference/paper_template.docx``: is it one Word can build on?

The Word version of the paper (:mod:`pipeline.publish.word`) takes the template's styles,
page set-up, headers and footers. A template saved in another format, or a file that is not
a Word document at all, stops the run before any kernel starts, saying what to save it as.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from pipeline.spec import contract

REFERENCE_FOLDER = "reference"
# What a council may save its Word template as, which the Word version cannot be built on.
_TEMPLATE_FORMATS = {
    ".dotx": "a Word template",
    ".dotm": "a macro-enabled Word template",
    ".docm": "a macro-enabled Word document",
    ".doc": "a Word 97-2003 document",
    ".odt": "an OpenDocument (LibreOffice) text document",
}


def misplaced_template_problems(folder: Path) -> list[str]:
    """The council's template saved in a format the Word version is not built on."""
    stem = Path(contract.PAPER_TEMPLATE_FILE).stem
    wanted = f"{REFERENCE_FOLDER}/{contract.PAPER_TEMPLATE_FILE}"
    return [
        f"{REFERENCE_FOLDER}/{stem}{suffix} is {what}, which the Word version cannot be built on: "
        f"open it in Word and save it as {wanted} (Word Document)"
        for suffix, what in _TEMPLATE_FORMATS.items()
        if (folder / f"{stem}{suffix}").is_file()
    ]


def template_problems(path: Path, name: str) -> list[str]:
    """A problem when ``path`` is not a Word document (.docx) at all."""
    try:
        with zipfile.ZipFile(path) as package:
            package.getinfo("word/document.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return [
            f"{name} is not a Word document (.docx): open it in Word and save it "
            "as a Word Document, or remove it to use the plain default layout"
        ]
    return []
