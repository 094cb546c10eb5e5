"""Stage 4: the published files (HTML, PDF, CSV) and the archive."""
