# make run  - set up .venv (Python >= 3.13, pinned requirements) and start the server on $PORT (8000)
# make test - the same set-up (plus Debian's chromium for the web-page tests), then the whole test suite
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench clean

# A .venv made by an older Python is rebuilt.
$(VENV)/.installed: requirements.txt
	@python=$$(scripts/find-python) || exit 1; \
	  if ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then \
	    rm -rf $(VENV) && echo "radar: creating $(VENV) with $$python" && $$python -m venv $(VENV) || exit 1; \
	  fi
	@scripts/install $(PY)
	@touch $@

run: $(VENV)/.installed
	$(PY) server.py serve

test: $(VENV)/.installed
	@scripts/ensure-chromium
	$(PY) -m pytest

bench: $(VENV)/.installed
	$(PY) bench/roundtrips.py
	$(PY) bench/http_bench.py
	$(PY) bench/ws_bench.py
	$(PY) bench/scoring.py

clean:
	rm -rf $(VENV)
