# make run         - set up .venv (Python >= 3.13, pinned requirements) and start the server on $PORT (8000)
# make test        - the same set-up (plus Debian's chromium for the web-page tests), then the whole test suite
# make bench       - every benchmark, printing numbers (bench/capacity.py loads a year of data first)
# make bench-smoke - every benchmark with small sizes (--smoke); fails on any error, refusal or lost message
VENV := .venv
PY := $(VENV)/bin/python
# The benchmarks are the scripts under bench/ (the other modules there are their helpers).
BENCHES := $(shell grep -l '^if __name__ == "__main__":' bench/*.py)

.PHONY: run test bench bench-smoke clean

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
	@for bench in $(BENCHES); do echo "== $$bench"; $(PY) $$bench || exit 1; done

bench-smoke: $(VENV)/.installed
	@for bench in $(BENCHES); do echo "== $$bench --smoke"; $(PY) $$bench --smoke || exit 1; done

clean:
	rm -rf $(VENV)
