"""Orchestration: the notebooks run by papermill in fresh kernels, and the benchmark."""
