# Shortcuts for scripts/dev.py, which does the real work (and needs only python3).
PY ?= python3

.PHONY: serve test build check lock anchors bench offline pdf links
serve:  ## build and serve with live reload
	$(PY) scripts/dev.py serve
test:   ## run every test
	$(PY) scripts/dev.py test
build:  ## strict build into site/
	$(PY) scripts/dev.py build
check:  ## validate the data file
	$(PY) scripts/dev.py check
lock:   ## re-lock dependencies
	$(PY) scripts/dev.py lock
anchors: ## record newly published pages and anchors
	$(PY) scripts/dev.py anchors
bench: ## measure build cost and page weight
	$(PY) scripts/dev.py bench
offline: ## zip of the whole site that works from file:// (dist/)
	$(PY) scripts/dev.py offline
pdf: ## the whole guide as one PDF (dist/mlsd-guide.pdf)
	$(PY) scripts/dev.py pdf
links: ## check outbound links for rot (needs the network)
	$(PY) scripts/dev.py links
