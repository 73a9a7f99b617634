# Two commands matter for a newcomer: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-x11 lint typecheck contracts bench screenshots clean translations package

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

# As root the X11 libraries a real window needs are installed; otherwise the script names them.
# With no screen at all the app says so in one line (exit 2).
run: $(STAMP) translations
	@tools/ensure-qt-deps.sh --x11 || true
	$(PY) -m digigram

# The screens are tested twice: offscreen, and in a real X server (Xvfb, 1366×768) where window sizes
# and fonts behave as on a library PC. Both screen passes run one after the other beside the other
# tests, one on each core; their output is shown when all are done.
XVFB := xvfb-run -a -s "-screen 0 1366x768x24"

test: $(STAMP) translations
	tools/ensure-qt-deps.sh --xvfb
	tools/ensure-postgres.sh
	# The screen tests (offscreen, then in the X server) run in the background from the start, the
	# longest part of the run; lint, types, the UTC pass and the other tests meanwhile in the foreground.
	# Stored times are UTC and shown in local time: the suite runs in Kyiv's zone, and the tests that
	# decide which day a check belongs to run again in UTC (not the PDF text writer's, dated by hand).
	screens=$$(mktemp -d); \
	( echo "== the screen tests, offscreen:"; \
	  TZ=Europe/Kyiv QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q -p no:cacheprovider \
		--basetemp=$$screens/offscreen tests/ui; echo $$? > $$screens/offscreen.rc; \
	  echo "== the screen tests, in the X server:"; \
	  $(XVFB) env TZ=Europe/Kyiv QT_QPA_PLATFORM=xcb $(PY) -m pytest -q -p no:cacheprovider \
		--basetemp=$$screens/x11 tests/ui; echo $$? > $$screens/x11.rc ) > $$screens/log 2>&1 & pid=$$!; \
	$(VENV)/bin/ruff check . && $(VENV)/bin/lint-imports && $(VENV)/bin/mypy && \
	TZ=UTC QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q tests/core/test_when.py tests/charts \
		--ignore=tests/charts/test_lines.py \
		tests/coordinator/test_dashboard.py tests/coordinator/test_exports.py tests/ui/test_history_table.py; \
	first=$$?; \
	TZ=Europe/Kyiv QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q --ignore=tests/ui; rest=$$?; \
	wait $$pid; cat $$screens/log; \
	offscreen=$$(cat $$screens/offscreen.rc); x11=$$(cat $$screens/x11.rc); rm -rf $$screens; \
	test $$first -eq 0 && test $$rest -eq 0 && test "$$offscreen" = 0 && test "$$x11" = 0

test-x11: $(STAMP) translations
	tools/ensure-qt-deps.sh --xvfb
	$(XVFB) env TZ=Europe/Kyiv QT_QPA_PLATFORM=xcb $(PY) -m pytest -q tests/ui

screenshots: $(STAMP) translations
	tools/ensure-qt-deps.sh --xvfb
	$(XVFB) env QT_QPA_PLATFORM=xcb $(PY) tools/screenshots.py

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
