"""Checks of the rendered paper with third-party tools (axe-core, Nu Html Checker, poppler)."""
