"""The council's Word template, ``reference/paper_template.docx``: is it one Word can build on?

The Word version of the paper (:mod:`pipeline.publish.word`) takes the template's styles,
page set-up, headers and footers. A template saved in another format, or a file that is not
a Word document at all, stops the run before any kernel starts, saying what to save it as.
So does one the paper could not safely carry: encrypted, expanding beyond bound, with a
document type declaration (Word will not open a document that has one), or linking pictures,
frames or objects from outside itself, which Word would fetch each time the paper is opened.
(Its attached template, which Word would look for too, is simply left out of the paper.)
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from pipeline.ingest.files import file_problem
from pipeline.ingest.packages import package_problem
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


_SAVE_TEMPLATE = (
    "open it in Word and save it as a Word Document, or remove it to use the plain default layout"
)
# A relationship to something outside the package (TargetMode="External"), its type and target.
_RELATIONSHIP = re.compile(rb"<Relationship\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""\b(Type|Target|TargetMode)\s*=\s*["']([^"']*)["']""")
# What an external relationship of these types is fine for: a link the reader may follow, and
# the attached template, which the Word version leaves out.
_HARMLESS_EXTERNAL = ("/hyperlink", "/attachedTemplate")
_OUTSIDE_SHOWN = 3
# The parts that hold text (the body, headers, footers), and a field in them that includes a
# picture or text from another file or address when Word updates it: INCLUDEPICTURE "...".
_STORY_PART = re.compile(r"word/(?:document|header\d*|footer\d*)\.xml")
_INCLUDE_FIELD = re.compile(
    rb'\b(?:INCLUDEPICTURE|INCLUDETEXT)\s+(?:\\[a-zA-Z*]\s+)*(?:"|&quot;)(.+?)(?:"|&quot;)'
)


def template_problems(path: Path, name: str) -> list[str]:
    """A problem when ``path`` is not a Word document (.docx) the paper can be built on."""
    problem = file_problem(path, name) or package_problem(
        path, name, "a Word document (.docx)", _SAVE_TEMPLATE
    )
    if problem:
        return [problem]
    try:
        with zipfile.ZipFile(path) as package:
            package.getinfo("word/document.xml")
            outside = _fetched_from_outside(package)
    except (zipfile.BadZipFile, KeyError, OSError):
        return [f"{name} is not a Word document (.docx): {_SAVE_TEMPLATE}"]
    if outside:
        shown = ", ".join(outside[:_OUTSIDE_SHOWN])
        return [
            f"{name} links to {shown} from outside itself, which Word would fetch each time "
            "the paper is opened: insert pictures into the template rather than linking to "
            "them (in Word: Insert, Pictures, then Insert, not Link to File), or remove them"
        ]
    return []


def _fetched_from_outside(package: zipfile.ZipFile) -> list[str]:
    """The targets of the template's external relationships, and of its fields that include a
    picture or text from elsewhere, that Word would fetch."""
    targets = []
    for info in package.infolist():
        if _STORY_PART.fullmatch(info.filename):
            targets += [
                t.decode("utf-8", "replace") for t in _INCLUDE_FIELD.findall(package.read(info))
            ]
        if not info.filename.endswith(".rels"):
            continue
        for element in _RELATIONSHIP.findall(package.read(info)):
            attributes = {
                k.decode(): v.decode("utf-8", "replace") for k, v in _ATTRIBUTE.findall(element)
            }
            external = attributes.get("TargetMode", "").lower() == "external"
            if external and not attributes.get("Type", "").endswith(_HARMLESS_EXTERNAL):
                targets.append(attributes.get("Target", "?"))
    return targets
