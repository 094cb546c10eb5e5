"""``python -m pipeline``: see :mod:`pipeline.cli`."""

from pipeline.cli import main

# The guard matters: the output worker is a fresh process that imports this module under
# another name, and must not run the command line again.
if __name__ == "__main__":
    raise SystemExit(main())
