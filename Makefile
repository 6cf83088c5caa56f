# duobot — see README.md. `make test` is what CI runs.
GO        ?= go
FUZZTIME  ?= 10s
BENCHTIME ?= 1s
SCHEMA_DIR := internal/milkyschema

.PHONY: test check deps bench fuzz golden cover load

## test: formatting, vet, conformance deps, and the whole test suite under -race
test: check deps
	$(GO) test -race -count=1 ./...

## check: gofmt and go vet
check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needs to run on:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

## deps: install what the tests need beyond Go (the pinned Milky schema package)
deps:
	@if [ -f $(SCHEMA_DIR)/package.json ]; then \
		if [ ! -f $(SCHEMA_DIR)/node_modules/.package-lock.json ] || \
		   [ $(SCHEMA_DIR)/package-lock.json -nt $(SCHEMA_DIR)/node_modules/.package-lock.json ]; then \
			cd $(SCHEMA_DIR) && npm ci --no-audit --no-fund --loglevel=error; \
		fi; \
	fi

## bench: every benchmark, with memory stats
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

## fuzz: every fuzz target for FUZZTIME each
fuzz:
	@set -e; for pkg in $$($(GO) list ./...); do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$t"; \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg; \
		done; \
	done

## golden: rewrite golden files under testdata/
golden:
	UPDATE_GOLDEN=1 $(GO) test -count=1 ./...

## cover: coverage report in cover.out / cover.html
cover:
	$(GO) test -count=1 -coverprofile=cover.out ./...
	$(GO) tool cover -func=cover.out | tail -1
	$(GO) tool cover -html=cover.out -o cover.html

## load: server load tests (50 subscribers over WebSocket, SSE, webhook; paced, then flat out)
load:
	DUOBOT_LOAD=1 $(GO) test -run '^TestServerLoad$$' -count=1 -v -timeout 15m ./onebot11/ ./milky/
