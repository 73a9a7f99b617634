# Two commands matter for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck contracts bench screenshots clean translations package

$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[test]"
	touch $(STAMP)

# The UI's Ukrainian .qm files are built from the committed .ts files (build output, not in git).
translations: $(STAMP)
	$(PY) -m digigram.ui.translations

run: $(STAMP) translations
	@tools/ensure-qt-deps.sh || true
	$(PY) -m digigram

test: $(STAMP) translations
	tools/ensure-qt-deps.sh
	tools/ensure-postgres.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	# Stored times are UTC and shown in local time: the suite runs in Kyiv's zone, and the data layers
	# (where a check's day is decided) run again in UTC.
	TZ=Europe/Kyiv QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q
	TZ=UTC QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/core tests/store tests/coordinator tests/charts

screenshots: $(STAMP) translations
	QT_QPA_PLATFORM=offscreen $(PY) tools/screenshots.py

bench: $(STAMP)
	$(PY) -m benchmarks

# The one-folder program in dist/digigram, self-tested, and on Linux dist/digigram-*.tar.xz.
# The Windows installer is built on Windows from the same folder (packaging/README.md).
package: $(STAMP) translations
	$(PY) -c "import PyInstaller" 2>/dev/null || \
		$(PY) -m pip install --quiet -c requirements/constraints.txt -e ".[package]"
	$(PY) packaging/build.py --clean

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .mypy_cache .ruff_cache .hypothesis
