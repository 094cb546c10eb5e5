"""7. Background papers: the input files and framework documents, and the contact."""

from __future__ import annotations

from pipeline.measures.view import ReportView


def dataset_label(dataset: str) -> str:
    """``activity_register`` as a reader sees it: ``Activity register``."""
    return dataset.replace("_", " ").capitalize()


def context(view: ReportView) -> dict:
    return {
        "files": view.files,
        "papers": view.details.background_papers,
        "contact": view.details.contact,
        "author": view.details.author,
        "dataset_label": dataset_label,
    }
