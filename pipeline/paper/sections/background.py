"""7. Background papers and consultation: the framework documents, where the input datasets are
listed, and the contact details."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def dataset_label(dataset: str) -> str:
    """``activity_register`` as a reader sees it: ``Activity register``."""
    return dataset.replace("_", " ").capitalize()


def context(view: ReportView) -> dict:
    details = view.details
    return {
        "papers": details.background_papers,
        "datasets": len(view.files),
        "contact": contact_lines(details),
    }


def contact_lines(details) -> list[str]:
    """The contact details as the paper prints them: author and team, then the telephone and
    e-mail where given (the council's settings, or the partnership's)."""
    lines = (
        f"{details.author}, {details.contact}",
        f"Telephone: {details.contact_phone}" if details.contact_phone else "",
        f"E-mail: {details.contact_email}" if details.contact_email else "",
    )
    return [line for line in lines if line]
