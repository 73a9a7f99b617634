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

# Ukrainian: the UI's .qm files from the committed .ts files, and the gettext .mo catalogue for
# everything outside widgets from the committed .po file (build output, not in git).
translations: $(STAMP)
	$(PY) -m digigram.ui.translations
	$(PY) -m digigram.locale

run: $(STAMP) translations
	@tools/ensure-qt-deps.sh || true
	$(PY) -m digigram

test: $(STAMP) translations
	tools/ensure-qt-deps.sh
	tools/ensure-postgres.sh
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy
	# Stored times are UTC and shown in local time: the suite runs in Kyiv's zone, and the tests that
	# decide which day a check belongs to run again in UTC.
	TZ=UTC QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/core/test_when.py tests/charts \
		tests/coordinator/test_dashboard.py tests/coordinator/test_exports.py tests/ui/test_history_table.py
	TZ=Europe/Kyiv QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

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
