"""``python -m pipeline``: see :mod:`pipeline.cli`."""

from pipeline.cli import main

# The guard matters: the output worker is a fresh process that imports this module under
# another name, and must not run the command line again.
if __name__ == "__main__":
    from pipeline.run.quick_exit import exit_now

    exit_now(main())  # without the interpreter's teardown, once all is written and flushed
