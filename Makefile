# rasoat — two commands set up a fresh Debian machine (Python 3.11):
#   make demo   builds the sample PDFs, ingests them into rasoat.db and serves Datasette on 127.0.0.1:8001
#   make test   runs ruff, then the whole test suite (what .ci/run calls)
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
APT_PACKAGES := tesseract-ocr tesseract-ocr-vie chromium fonts-liberation2 fonts-dejavu-core antiword catdoc poppler-utils
STAMP  := $(VENV)/.installed

.PHONY: demo test system venv bench eval metadata clean

demo: $(STAMP)
	$(BIN)/rasoat demo --db rasoat.db --port 8001

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -q

# Debian packages: OCR (Tesseract + Vietnamese model), Chromium for browser
# tests, fonts for the sample PDFs, antiword/catdoc for .doc files.
system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -q && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -q --no-install-recommends $$missing; \
	fi

$(STAMP): pyproject.toml | system
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

bench: $(STAMP)
	$(BIN)/rasoat bench ../shared/corpus

eval: $(STAMP)
	$(BIN)/rasoat eval ../shared/gold/dev.jsonl --corpus ../shared/corpus

# datasette_metadata.yml is generated from rasoat/tables.py and rasoat/web/site.yml
metadata: $(STAMP)
	$(BIN)/python -m rasoat.web.metadata datasette_metadata.yml

clean:
	rm -rf build rasoat.db rasoat.db-wal rasoat.db-shm
