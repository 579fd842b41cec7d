# Two commands do all the set-up: `make run` (the app on the default corpus) and
# `make test` (the whole suite). Both create .venv and install what they need; the second
# time they only check a stamp. While working, `make test-fast` skips the tests marked
# slow (over about a second each: the package build, the 5 MB extraction, the CLI run as a
# subprocess, the workspace and session round trips), runs on every core (pytest-xdist) and
# finishes in under a minute;
# `make test` and CI still run everything.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP_FLAGS := --disable-pip-version-check --quiet

.PHONY: run test test-fast setup bench package clean train train-relations training-data

run: $(STAMP)
	$(BIN)/threadline $(ARGS)

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "not slow" -n auto $(PYTEST_ARGS)

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/sysdeps.sh
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Threadline needs Python 3.11 or newer; set PYTHON=python3.11")'
	sh scripts/sysdeps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install $(PIP_FLAGS) --upgrade pip
	$(BIN)/python -m pip install $(PIP_FLAGS) -e '.[test,cluster]'
	touch $(STAMP)

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_extract.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_canvas.py
	$(BIN)/python benchmarks/bench_layout.py
	$(BIN)/python benchmarks/bench_paths.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_import.py
	$(BIN)/python benchmarks/bench_workspace.py
	$(BIN)/python benchmarks/bench_growth.py
	$(BIN)/python benchmarks/bench_parallel.py
	$(BIN)/python benchmarks/bench_cluster.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_stalls.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_overview.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_labels.py
	$(BIN)/python benchmarks/bench_analysis.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_minimap.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench_table.py

# The trained components: `make train` rebuilds resources/model/domain_ner from the
# committed training/data and training/config.cfg (6,000 steps, 11-15 minutes here, 33 when busy),
# then the relation classifier resources/model/relations.json from the annotations (under a
# minute; `make train-relations` alone); `make training-data` rebuilds training/data from
# the annotations and ../shared/corpus.
train: $(STAMP)
	$(BIN)/python training/train.py
	$(BIN)/python training/train_relations.py

train-relations: $(STAMP)
	$(BIN)/python training/train_relations.py

training-data: $(STAMP)
	$(BIN)/python training/make_data.py

# The standalone app (PyInstaller onedir) in dist/threadline/ plus the release archive
# dist/threadline-<version>-<os>-<arch>.tar.gz, built in its own clean venv
# (build/venv-package); see packaging/build.py.
package:
	sh scripts/sysdeps.sh
	$(PYTHON) packaging/build.py $(PACKAGE_ARGS)

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
