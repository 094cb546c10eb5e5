# CCI Framework progress report: the whole set-up is `make test` and `make report PERIOD=...`.
# The Makefile only bootstraps the virtual environment and calls `python -m pipeline`.

.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
LAB_VENV := .venv-lab
LAB_STAMP := $(LAB_VENV)/.installed

# Parameters reach the recipes through the environment, never pasted into a shell line,
# so a value such as PERIOD='2006-04; touch /tmp/x' is only ever text.
export PERIOD PERIODS DATA OUTPUT MEETING_DATE STRICT LAB_OPTIONS

# The libraries come from uv.lock, exact versions with their hashes, so a paper re-run years on is
# made by the same libraries. uv itself (pinned here) is the one thing pip installs.
UV_VERSION := 0.13.8
UV := $(VENV)/bin/uv

$(STAMP): pyproject.toml uv.lock
	@echo "Setting up the project's own Python environment in $(VENV)/ (first run only)." >&2
	@echo "This installs the pipeline and the exact libraries of uv.lock: under a minute, once." >&2
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo >&2 "Error: the pipeline needs Python 3.11 or later as '$(PYTHON)' (or PYTHON=...)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@echo "  Installing the libraries (details in $(VENV)/install.log)..." >&2
	@{ $(PY) -m pip install --disable-pip-version-check "uv==$(UV_VERSION)" && \
		UV_PROJECT_ENVIRONMENT=$(VENV) $(UV) sync --frozen --inexact --extra dev; } > $(VENV)/install.log 2>&1 || \
		{ echo >&2 "Error: installing failed. The end of $(VENV)/install.log:"; tail >&2 -n 15 $(VENV)/install.log; exit 1; }
	@echo "  Building matplotlib's font cache..." >&2
	@$(PY) -m pipeline warm-caches
	@touch $(STAMP)
	@echo "  Ready." >&2

.PHONY: help
help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

.PHONY: venv
venv: $(STAMP) ## Create the virtual environment and install the pipeline

.PHONY: report
report: $(STAMP) ## Produce the paper: make report PERIOD=2006-04..2007-01 [DATA=dir] [OUTPUT=dir] [MEETING_DATE=YYYY-MM-DD] [STRICT=1]
	@$(PY) -m pipeline report --period "$$PERIOD" $${DATA:+--data "$$DATA"} $${OUTPUT:+--output "$$OUTPUT"} \
		$${MEETING_DATE:+--meeting-date "$$MEETING_DATE"} $${STRICT:+--strict "$$STRICT"}

.PHONY: partnership
partnership: $(STAMP) ## The partnership paper: make partnership PERIOD=2006-04..2007-01 [DATA=dir] [OUTPUT=dir] [MEETING_DATE=YYYY-MM-DD] [STRICT=1]
	@$(PY) -m pipeline partnership --period "$$PERIOD" $${DATA:+--data "$$DATA"} $${OUTPUT:+--output "$$OUTPUT"} \
		$${MEETING_DATE:+--meeting-date "$$MEETING_DATE"} $${STRICT:+--strict "$$STRICT"}

.PHONY: reports
reports: $(STAMP) ## Several papers in parallel: make reports PERIODS="2005/06 2006/07"
	@$(PY) -m pipeline reports --periods "$$PERIODS" $${DATA:+--data "$$DATA"} $${OUTPUT:+--output "$$OUTPUT"} \
		$${MEETING_DATE:+--meeting-date "$$MEETING_DATE"} $${STRICT:+--strict "$$STRICT"}

.PHONY: indicators
indicators: $(STAMP) ## Print the indicators as CSV: make indicators PERIOD=2006-04..2007-01
	@$(PY) -m pipeline indicators --period "$$PERIOD" $${DATA:+--data "$$DATA"} $${STRICT:+--strict "$$STRICT"}

.PHONY: test
test: $(STAMP) ## Run the whole test suite (unit, end-to-end, browser and PDF checks)
	@$(PY) -m pytest

.PHONY: bench
bench: $(STAMP) ## Benchmark 1x, 10x and 100x data against the papermill/nbconvert floor
	@$(PY) -m pipeline bench $${OUTPUT:+--output "$$OUTPUT"}

.PHONY: lint
lint: $(STAMP) ## Run ruff over the package, tests and notebooks
	@$(PY) -m ruff check pipeline tests notebooks
	@$(PY) -m ruff format --check pipeline tests notebooks

$(LAB_STAMP): pyproject.toml uv.lock pipeline/install/lab.py $(STAMP)
	@echo "Setting up JupyterLab in $(LAB_VENV)/ (first run only): about 15 seconds, once." >&2
	@test -x $(LAB_VENV)/bin/python || $(PYTHON) -m venv $(LAB_VENV)
	@echo "  Installing JupyterLab and the pipeline (details in $(LAB_VENV)/install.log)..." >&2
	@UV_PROJECT_ENVIRONMENT=$(LAB_VENV) $(UV) sync --frozen --inexact --extra lab > $(LAB_VENV)/install.log 2>&1 || \
		{ echo >&2 "Error: installing failed. The end of $(LAB_VENV)/install.log:"; tail >&2 -n 15 $(LAB_VENV)/install.log; exit 1; }
	@$(LAB_VENV)/bin/python -m pipeline lab-setup
	@touch $(LAB_STAMP)

.PHONY: lab
lab: $(LAB_STAMP) ## Open JupyterLab on the project: make lab [LAB_OPTIONS="--port=8890 --no-browser"]
	@# JupyterLab lives in its own environment so that reports never pay for authoring tools.
	@# LAB_OPTIONS are JupyterLab's own options, split into words but never run as shell code.
	@$(LAB_VENV)/bin/python -m pipeline lab-check; status=$$?; \
		if [ $$status -eq 3 ]; then exit 0; elif [ $$status -ne 0 ]; then exit $$status; fi; \
		$(LAB_VENV)/bin/python -m jupyter lab --ServerApp.root_dir=. \
		--LabApp.default_url=/lab/tree/notebooks --allow-root $${LAB_OPTIONS}

.PHONY: sample-data
sample-data: $(STAMP) ## Regenerate the sample data folder data/ (byte for byte)
	@$(PY) -m pipeline.sample_data

.PHONY: clean
clean: ## Remove the virtual environments and caches (the archive in output/ is kept)
	@# git's notebook filter runs $(LAB_VENV)/'s Python: it goes with $(LAB_VENV)/, so that git
	@# keeps working (make lab sets it up again).
	@if git config --get filter.nbstripout.clean 2>/dev/null | grep -qF '$(abspath $(LAB_VENV))/'; then \
		git config --remove-section filter.nbstripout; \
		git config --remove-section diff.ipynb 2>/dev/null || true; \
		echo "Removed git's notebook filter, which ran $(LAB_VENV)/ (make lab sets it up again)."; \
	fi
	rm -rf $(VENV) $(LAB_VENV) .pytest_cache .ruff_cache
