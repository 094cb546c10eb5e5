"""Orchestration: the notebooks run by papermill in fresh kernels, then the renderings."""
