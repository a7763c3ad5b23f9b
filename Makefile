# Two commands do all the set-up on a fresh machine: `make serve` and `make test`.
# Set-up steps are stamped, so a second run with nothing changed takes seconds.

SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .cache/stamps
SYSTEM_PACKAGES := chromium fonts-noto-cjk fonts-noto-color-emoji

# Reproducible output: every date the build writes comes from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0

.PHONY: setup serve build pdf test test-browser lint bench screenshots lighthouse clean lock

PLAIN_KERNEL := .cache/plain-kernel

setup: $(STAMPS)/python $(STAMPS)/node $(STAMPS)/system $(STAMPS)/plain-kernel

$(STAMPS)/python: requirements.lock
	@mkdir -p $(STAMPS)
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# A reader's plain Jupyter kernel (numpy, matplotlib, sympy only): the notebook test runs every
# downloaded notebook in it.
$(STAMPS)/plain-kernel: requirements-kernel.lock
	@mkdir -p $(STAMPS)
	test -x $(PLAIN_KERNEL)/bin/python || python3 -m venv $(PLAIN_KERNEL)
	$(PLAIN_KERNEL)/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-kernel.lock
	@touch $@

$(STAMPS)/node: package.json package-lock.json
	@mkdir -p $(STAMPS)
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# Debian packages: the CJK and emoji fonts (plots and pages show Chinese, not boxes) and
# Chromium for the browser tests. Installed only when one is missing.
$(STAMPS)/system:
	@mkdir -p $(STAMPS)
	@if ! dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(SYSTEM_PACKAGES); \
	fi
	@touch $@

serve: setup
	$(VENV)/bin/mkdocs serve --strict --dirty -a 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

# The PDF edition: every chapter page of site/ in nav order, printed by Chromium, as
# site/calculus.pdf (the pages' download button links to it).
pdf: build
	$(PY) -m scripts.build.pdf

# One pytest worker per core (pytest-xdist); a test file stays on one worker, so its module
# fixtures (a served site, the claim mutants' set-up) are made once. Each worker builds its own
# copy of the real site; build caches write atomically, so they can share. Tests marked `alone`
# (the PDF's) run afterwards, with nothing beside them.
test: setup
	$(VENV)/bin/ruff check scripts snippets tests
	node --test scripts/build/problems/js/
	$(VENV)/bin/pytest --numprocesses=auto --dist=loadfile -m "not alone"
	$(VENV)/bin/pytest -m alone

test-browser: setup
	$(VENV)/bin/pytest -m browser

lint: setup
	$(VENV)/bin/ruff check scripts snippets tests
	$(VENV)/bin/ruff format --check scripts snippets tests

clean:
	rm -rf site .cache/katex .cache/snippets .cache/notebooks .cache/mkdocs-jupyter .pytest_cache .ruff_cache

# After editing requirements.txt: resolve again and pin the whole set.
lock:
	rm -rf .lock-venv && python3 -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.txt
	.lock-venv/bin/pip freeze > requirements.lock
	rm -rf .lock-venv
	rm -rf .lock-venv && python3 -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements-kernel.txt
	.lock-venv/bin/pip freeze > requirements-kernel.lock
	rm -rf .lock-venv

# PNGs of every page, light and dark, desktop and phone width, into screenshots/ (ignored).
screenshots: build
	$(PY) -m scripts.dev.screenshots

# Lighthouse's four scores for every page (mobile, served compressed) and what holds each back.
lighthouse: build
	$(PY) -m scripts.dev.lighthouse

# Figures as medians beside baselines measured in the same run; asserts nothing.
bench: setup
	$(PY) -m scripts.dev.bench
