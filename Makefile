# gen-report — set-up, example build and tests.
#   make        set everything up (apt fonts/tools, venv, package) and build the example into outputs/
#   make test   run the test suite (sets up first if needed)
# Both run on a fresh Debian machine as root; apt packages are installed only when missing.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
APT_PACKAGES := fonts-noto-cjk libharfbuzz-subset0 poppler-utils libreoffice-calc-nogui

.PHONY: all setup system example test lint bench clean

all: setup example

setup: system $(VENV)/.installed

system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	fi

$(VENV)/.installed: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

example: setup
	$(BIN)/gen-report build

test: setup
	@$(BIN)/python -m pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "pytest collected no tests: failing on purpose"; exit 1; fi; \
	exit $$status

lint: setup
	$(BIN)/ruff check generator tests scripts
	$(BIN)/ruff format --check generator tests scripts

bench: setup
	$(BIN)/python scripts/benchmark.py

clean:
	rm -rf outputs $(VENV) *.egg-info .pytest_cache
