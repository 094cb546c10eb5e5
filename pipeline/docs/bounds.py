"""What an untrusted file may cost, in words for the data contract, from the code that bounds it."""

from __future__ import annotations

from pipeline.ingest import files, folder, packages
from pipeline.spec import thresholds as limits


def _code_list(values: list[str]) -> str:
    items = [f"`{v}`" for v in values]
    return ", ".join(items[:-1]) + " or " + items[-1]


def bounds() -> dict[str, str]:
    """The bounds the data contract's documentation quotes."""
    return {
        "largest_file": files.size_text(files.LARGEST_FILE),
        "largest_expanded": files.size_text(packages.LARGEST_EXPANDED),
        "largest_ratio": f"{packages.LARGEST_RATIO:,}",
        "largest_number": f"{limits.LARGEST_NUMBER:,}",
        "archives": _code_list(sorted(folder.ARCHIVES)),
    }
