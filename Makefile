# scaiauth: the ScaiFlow canvas sign-in module (Go, compiled to WebAssembly).
#
#   make run    build the module and start the canvas with the development stack
#   make test   every test: host, browser border, development stack, end to end
#   make bench  figures: module size and speed

GO        ?= go
CACHE     := $(CURDIR)/.cache
BIN       := $(CACHE)/bin
WASMEXEC  := $(shell $(GO) env GOROOT)/lib/wasm/wasm_exec.js
BROWSER_TEST := $(BIN)/wasmbrowsertest
WASMBROWSERTEST_VERSION := v0.11.0

export GOFLAGS := -mod=mod

.PHONY: build run test test-host test-browser test-devstack lint bench clean chromium fuzz
.PHONY: pack example example-build test-package

build: static/scaiauth.wasm static/wasm_exec.js static/scaiauth.wasm.br

# -s -w drop the symbol and DWARF tables: a smaller download, same code.
# Inlining is off outside the runtime and RSA's big-number arithmetic: each
# inlined call copies code and adds an entry to the tables Go keeps for
# tracebacks, about 100 KB of the brotli download (1.28 MB with it, 1.18 MB
# without); the two packages left alone are the ones whose speed shows (the
# allocator and scheduler, one RSA-2048 check: 0.4 ms inlined, 1.4 ms not).
WASM_GCFLAGS := -gcflags=all=-l -gcflags=runtime= -gcflags=crypto/internal/fips140/bigmod=

# The folders are prerequisites too: deleting or renaming a source file
# changes only its folder's time, and must still rebuild the module.
static/scaiauth.wasm: go.mod Makefile $(shell find wasm -type d) \
		$(shell find wasm -name '*.go' -not -name '*_test.go')
	GOOS=js GOARCH=wasm $(GO) build -trimpath $(WASM_GCFLAGS) -ldflags="-s -w" -o $@ ./wasm

static/wasm_exec.js: $(WASMEXEC)
	cp $< $@

# The compressed copies the canvas server sends in place of the module, as a
# static host serves precompressed files; brotli at its best takes ~15 s, so
# it runs only when the module changed.
static/scaiauth.wasm.br static/scaiauth.wasm.gz &: static/scaiauth.wasm
	cd devstack && $(GO) run ./cmd/precompress ../static/scaiauth.wasm

run: build
	cd devstack && $(GO) run ./cmd/devstack -repo ..

test: lint build test-host fuzz chromium test-browser test-package example-build test-devstack

# Each fuzz target runs for FUZZTIME. An input that fails is written to the
# package's testdata/fuzz and from then on runs with every go test.
FUZZTIME ?= 5s
FUZZ_TARGETS := ./wasm/internal/login:FuzzParseCallback ./wasm/internal/login:FuzzSafeReturnTo \
	./wasm/internal/token:FuzzVerify ./wasm/internal/token:FuzzParseKeySet

fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($(FUZZTIME))"; \
		$(GO) test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg >/dev/null || \
			{ $(GO) test -run "^$$name\$$" $$pkg; exit 1; }; \
	done

# The browser tests need Chromium; as root (CI, a fresh machine) it comes
# from Debian's packages, anyone else is told how to get it.
chromium:
	@command -v chromium >/dev/null 2>&1 || command -v "$$CHROMIUM" >/dev/null 2>&1 || \
	if [ "$$(id -u)" = 0 ]; then \
		echo "installing chromium from Debian's packages"; \
		DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
		echo "the browser tests need Chromium: sudo apt-get install chromium"; exit 1; \
	fi

lint:
	@test -z "$$(gofmt -l wasm devstack)" || { gofmt -l wasm devstack; exit 1; }
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...
	cd devstack && $(GO) vet ./...

test-host:
	$(GO) test ./...

$(BROWSER_TEST):
	GOBIN=$(BIN) $(GO) install github.com/agnivade/wasmbrowsertest@$(WASMBROWSERTEST_VERSION)

# The syscall/js border, and the core again as WebAssembly, in headless Chromium.
test-browser: $(BROWSER_TEST)
	GOOS=js GOARCH=wasm $(GO) test -exec=$(BROWSER_TEST) ./wasm/...

# -count=1: the stack serves the built module and the example's build, which
# go test's cache does not see, so a cached pass could be of an older build.
test-devstack: build
	cd devstack && $(GO) test -count=1 ./...

# The npm package, and the Solid example that installs it as an app would.
PACK    := $(CACHE)/pack
EXAMPLE := examples/solid
NPM     ?= npm

# The tarball an app installs; its prepack refuses a missing or stale module,
# so the module is brought up to date right before, not only when make starts.
pack:
	@$(MAKE) --no-print-directory build
	rm -rf $(PACK) && mkdir -p $(PACK)
	$(NPM) pack --silent --pack-destination $(PACK) >/dev/null

$(EXAMPLE)/node_modules/.installed: $(EXAMPLE)/package-lock.json
	cd $(EXAMPLE) && $(NPM) ci --no-audit --no-fund
	touch $@

# The example takes the tarball without saving it (its lock stays the
# registry's), is type-checked against js/scaiauth.d.ts, and is built into
# examples/solid/dist, which the e2e tests serve.
example-build: pack $(EXAMPLE)/node_modules/.installed
	cd $(EXAMPLE) && rm -rf node_modules/@scaiflow && \
		$(NPM) install --no-save --no-audit --no-fund --loglevel=error $(PACK)/*.tgz
	cd $(EXAMPLE) && $(NPM) run --silent typecheck && $(NPM) run --silent build -- --logLevel warn

# The example against the development stack, on http://localhost:5174/.
example: example-build
	cd devstack && $(GO) run ./cmd/devstack -repo .. -example ../$(EXAMPLE)/dist

# js/API.md names every export of js/scaiauth.d.ts.
test-package:
	node --test js/check/api-doc.test.mjs

# The Go micro-benchmarks, then the browser bench (devstack/bench): scaiauth
# and oidc-client-ts signing in side by side in headless Chromium against one
# development stack, BENCH_RUNS journeys each. It prints the table and writes
# it, with a chart, to devstack/bench/RESULTS.md.
BENCH_PAGES := devstack/bench/web
BENCH_RUNS  ?= 5

$(BENCH_PAGES)/node_modules/.installed: $(BENCH_PAGES)/package-lock.json
	cd $(BENCH_PAGES) && $(NPM) ci --no-audit --no-fund
	touch $@

bench: build chromium $(BENCH_PAGES)/node_modules/.installed
	$(GO) test -run '^$$' -bench . -benchmem ./wasm/...
	cd $(BENCH_PAGES) && $(NPM) run --silent build
	cd devstack && $(GO) run ./cmd/bench -runs $(BENCH_RUNS)

clean:
	rm -rf static/scaiauth.wasm static/wasm_exec.js $(CACHE) $(EXAMPLE)/dist
