"""``make bench``: the report timed at 1x, 10x and 100x the sample data against the tools' floor.

Nothing here is imported by a run: :mod:`pipeline.bench.bench` measures real runs of
``python -m pipeline report``, :mod:`pipeline.bench.floor` the floor, and
:mod:`pipeline.bench.table` writes the table.
"""
