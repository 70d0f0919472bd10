# khabar: `make demo` and `make test` set everything up on a fresh machine (Python >= 3.11).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
EXTRAS ?= dev,web,ray,postgres
DEMO_DB := .khabar-demo/khabar.db
comma  := ,
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)-$(subst $(comma),_,$(EXTRAS))

.PHONY: install demo test test-fast eval schema clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	rm -f $(VENV)/.installed-*
	touch $@

# The main job on the embedded default: analyse the bundled example(s) into a SQLite store and report.
demo: install
	$(BIN)/khabar ingest examples/aleppo_talks_brief.txt --published 2016-12-01 --publisher "khabar example brief" --db $(DEMO_DB)
	$(BIN)/khabar report --db $(DEMO_DB)
	@echo "Database: $(abspath $(DEMO_DB))  (try: $(BIN)/khabar export --format csv --db $(DEMO_DB))"

# All tests CI runs: accuracy floors, Ray, and PostgreSQL and browser tests (these skip without a server or Chromium; .ci/run provides both).
test: install
	$(BIN)/python -m pytest -q

# The quick tier: no evaluation floors, no Ray.
test-fast: install
	$(BIN)/python -m pytest -q -m "not slow and not ray and not postgres and not browser"

eval: install
	$(BIN)/khabar eval plover ../shared/data/plover_gsr/dev.jsonl
	$(BIN)/khabar eval polnear ../shared/data/polnear/dev

schema: install
	$(BIN)/python -m khabar.schema docs/schema

clean:
	rm -rf $(VENV) .khabar-demo .pytest_cache
