"""The documentation in docs/, generated from the code and the prose beside it."""

from pipeline.docs.build import render_docs, write_docs

__all__ = ["render_docs", "write_docs"]
