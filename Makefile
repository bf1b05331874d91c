# sluice — build, test, demo and install.
#
#   make deps     install the system packages the build needs (apt-get; quick when already there)
#   make build    swift build
#   make test     warnings-as-errors build, swift test (boto3 and the AWS CLI in .build/aws-clients; a throw-away
#                 Slurm cluster, .ci/slurm.sh, and one of network namespaces, .ci/slurm-netns.sh, when root on
#                 Debian), then the conformance gate (.ci/conformance.sh)
#   make demo     the story: sluiced on a temporary root, 227,000 companies dropped in, scored, subscriber told
#   make bench    release build of sluice-bench, then run it
#   make fuzz     libFuzzer over each parser that reads outside input, FUZZ_SECONDS (60) each (FUZZ_TARGETS: some);
#                 corpora in Fuzz/corpus, crash inputs in Fuzz/crashes (.ci/fuzz.sh says what to do with a finding);
#                 make fuzz-merge folds what it found into the committed corpora
#   make sanitize the suites under AddressSanitizer and ThreadSanitizer (SANITIZER=address or thread: one), each in
#                 a build of its own (.build/asan, .build/tsan); make test runs it
#   make soak     the kill tests at soak size: the burst, 10,000 files with 20 SIGKILLs (SLUICE_BURST_FILES / _KILLS),
#                 then the kill campaign, 50 SIGKILLs of sluiced among uploads, map runs, redrives and deliveries
#                 (SLUICE_CAMPAIGN_KILLS; SLUICE_CAMPAIGN_MINUTES=60 keeps it going for an hour)
#   make install  release binaries, the systemd unit, user and group sluice, the example configuration (DESTDIR,
#                 PREFIX honoured)

SWIFT ?= swift
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
SYSCONFDIR ?= /etc
# /usr/local/lib/systemd/system is on systemd's unit search path (below /etc/systemd/system, which stays the
# administrator's); with PREFIX=/usr this becomes /usr/lib/systemd/system, where a distribution package puts units.
UNITDIR ?= $(PREFIX)/lib/systemd/system
# systemd-sysusers reads /usr/local/lib/sysusers.d too.
SYSUSERSDIR ?= $(PREFIX)/lib/sysusers.d
DESTDIR ?=

# Flags for the build `make test` runs; swift test gets the same ones so it reuses that build instead of redoing it.
# A module that imports another it does not declare as a dependency is an error too.
TEST_BUILD_FLAGS ?= -Xswiftc -warnings-as-errors --explicit-target-dependency-import-check error

# System packages: Debian names. python3 runs the conformance runners (python3-venv makes the AWS clients'
# environment, .ci/aws-clients.sh); python3 counts as present when any python3 is on
# PATH (e.g. a pyenv one), so only the -dev packages and pkg-config are checked with dpkg. chromium is the
# headless browser the dashboard's tests drive (../shared/browser/cdp.py; .ci/dashboard-pages.py).
APT_PACKAGES ?= libsystemd-dev libsqlite3-dev pkg-config zlib1g-dev libzstd-dev python3-venv chromium

.PHONY: all deps build test demo bench soak sanitize fuzz fuzz-replay fuzz-merge install format lint clean

all: build

deps:
	@missing=""; \
	if command -v dpkg-query >/dev/null 2>&1; then \
		for p in $(APT_PACKAGES); do \
			dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
		done; \
	else \
		for p in $(APT_PACKAGES); do missing="$$missing $$p"; done; \
	fi; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	if [ -z "$$missing" ]; then echo "deps: all present ($(APT_PACKAGES) python3)"; exit 0; fi; \
	if ! command -v apt-get >/dev/null 2>&1; then \
		echo "deps: no apt-get here; install these yourself if the build needs them:$$missing"; exit 0; \
	fi; \
	if [ "$$(id -u)" != 0 ]; then \
		echo "deps: not root; install these yourself: sudo apt-get install$$missing"; exit 0; \
	fi; \
	echo "deps: installing$$missing"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing </dev/null

build:
	$(SWIFT) build

test: deps
	$(SWIFT) format lint --strict -r Sources Tests
	python3 .ci/check-imports.py
	$(SWIFT) build $(TEST_BUILD_FLAGS)
	@# The API tests drive boto3 and the AWS CLI from the virtual environment .ci/aws-clients.sh keeps. They run
	@# after the others, not beside them: dozens of Python clients at once would starve the in-process daemons of
	@# the other suites on two cores.
	python="$$(bash .ci/aws-clients.sh)" && SLUICE_PYTHON="$$python" $(SWIFT) test $(TEST_BUILD_FLAGS) --skip SluiceAPITests \
		&& SLUICE_PYTHON="$$python" $(SWIFT) test $(TEST_BUILD_FLAGS) --filter SluiceAPITests
	@# Functions placed on Slurm: a three-node cluster on this host for the length of their tests, where this is root
	@# on Debian (it installs Debian's slurm packages, as deps does); elsewhere the tests say why they skip.
	bash .ci/slurm.sh test $(SWIFT) test $(TEST_BUILD_FLAGS) --filter 'SlurmClusterTests|SlurmPipelineTests'
	@# A node's link cut mid-run: a cluster whose controller and nodes are network namespaces (.ci/slurm-netns.sh),
	@# started once the single-host one above has stopped; the test costs ~1 minute.
	bash .ci/slurm-netns.sh test $(SWIFT) test $(TEST_BUILD_FLAGS) --filter SlurmLinkCutTests
	bash .ci/fuzz-replay.sh
	$(MAKE) sanitize
	bash .ci/conformance.sh
	bash .ci/browser.sh
	bash .ci/systemd-e2e.sh

# The suites under AddressSanitizer and ThreadSanitizer (.ci/sanitize.sh): each sanitizer a full build of its own
# (.build/asan, .build/tsan; the normal build stays), the tests starting the sanitized sluiced and sluice beside it.
# Any report fails the run (halt_on_error; reports kept in .build/{asan,tsan}/reports). What runs:
# - thread: what shares memory between threads: the engine, workers, store, watcher, topics, interpreter, bucket
#   readers, SluiceLinux and sluiced in-process (InProcessDaemonTests). ~3 min of tests here.
# - address: those, and the pure parsers and languages (JSON, JSONata, patterns, the AWS wire, ASL, graph, ...).
# Left out of both: the suites that start the real sluiced binary and time it (the rest of SluiceDaemonTests:
# kills, crash recovery, hand-offs, disk full, hostile files, agents; SluiceCLITests): under a sanitizer on two
# cores they overran their 1–3 minute time limits, and the code they drive is the code InProcessDaemonTests runs
# in-process; SluiceAPITests (dozens of boto3 clients beside a sanitized sluiced, the same starvation); the Slurm
# suites (they need .ci/slurm.sh's cluster). The fuzz corpora already run under AddressSanitizer (fuzz-replay).
# LeakSanitizer works here but is off (detect_leaks=0): every run reports the XCTest runner's own two objects (a
# leak in the toolchain, not suppressible by module) and the daemon suites have not been cleared of leaks yet; look
# for reference cycles with ASAN_OPTIONS=detect_leaks=1 .ci/sanitize.sh address --filter SUITE (it found JSONata's).
# ThreadSanitizer cannot see Synchronization.Mutex hand a contended lock over (.ci/sanitizers/mutex-tsan.c says how
# that is fixed); .ci/sanitizers/tsan.supp holds third-party findings only.
SANITIZER ?= address thread
SANITIZE_THREAD_SUITES ?= SluiceInterpreterTests|SluiceBucketTests|SluiceLinuxTests|SluiceWatchTests|SluiceWorkersTests|SluiceStoreTests|SluiceTopicsTests|SluiceEngineTests|InProcessDaemonTests
SANITIZE_ADDRESS_SUITES ?= SluiceJSONTests|SluiceJSONataTests|SluicePatternsTests|SluiceAWSTests|SluiceASLTests|SluiceVocabularyTests|SluiceCoreTests|SluiceConfigTests|SluiceAgentWireTests|SluiceGraphTests|$(SANITIZE_THREAD_SUITES)

sanitize: deps
	@for s in $(SANITIZER); do \
		case "$$s" in \
			address) suites='$(SANITIZE_ADDRESS_SUITES)' ;; \
			thread) suites='$(SANITIZE_THREAD_SUITES)' ;; \
			*) echo "sanitize: SANITIZER is address, thread or both, not $$s" >&2; exit 2 ;; \
		esac; \
		SWIFT=$(SWIFT) bash .ci/sanitize.sh "$$s" --filter "$$suites" --skip SlurmClusterTests || exit 1; \
	done

FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?=

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash .ci/fuzz.sh $(FUZZ_TARGETS)

fuzz-replay: deps
	bash .ci/fuzz-replay.sh $(FUZZ_TARGETS)

fuzz-merge: deps
	bash .ci/fuzz.sh --merge $(FUZZ_TARGETS)

demo: deps
	$(SWIFT) build -c release --product sluiced
	bash etc/demo.sh

# The tests `make test` runs with 500 files and 5 kills (the burst) and 8 kills (the campaign), at the size a person
# leaves running. The campaign spreads its kills over SLUICE_CAMPAIGN_MINUTES when given (0: one every ~2.5 s).
SLUICE_BURST_FILES ?= 10000
SLUICE_BURST_KILLS ?= 20
SLUICE_CAMPAIGN_KILLS ?= 50
SLUICE_CAMPAIGN_MINUTES ?= 0
soak: deps
	$(SWIFT) build $(TEST_BUILD_FLAGS)
	SLUICE_BURST_FILES=$(SLUICE_BURST_FILES) SLUICE_BURST_KILLS=$(SLUICE_BURST_KILLS) \
		$(SWIFT) test $(TEST_BUILD_FLAGS) --filter burstWithKills
	SLUICE_CAMPAIGN_KILLS=$(SLUICE_CAMPAIGN_KILLS) SLUICE_CAMPAIGN_MINUTES=$(SLUICE_CAMPAIGN_MINUTES) \
		$(SWIFT) test $(TEST_BUILD_FLAGS) --filter killCampaign

bench: deps
	$(SWIFT) build -c release --product sluiced
	$(SWIFT) build -c release --product sluice-bench
	@# The Slurm benchmark places the score workers on a three-node cluster of this machine (.ci/slurm.sh, root on
	@# Debian; elsewhere it says why it skips).
	$(SWIFT) build -c release --product sluice-agent
	python="$$(bash .ci/aws-clients.sh)" && SLUICE_PYTHON="$$python" bash .ci/slurm.sh test .build/release/sluice-bench

# Binaries and the unit are always (re)installed; files under etc/sluice are copied only where the destination has
# none yet, so an administrator's edits survive `make install`. The unit's ExecStart follows BINDIR.
install:
	$(SWIFT) build -c release --product sluice
	$(SWIFT) build -c release --product sluiced
	$(SWIFT) build -c release --product sluice-agent
	install -d "$(DESTDIR)$(BINDIR)" "$(DESTDIR)$(UNITDIR)" "$(DESTDIR)$(SYSCONFDIR)/sluice" "$(DESTDIR)$(SYSUSERSDIR)"
	install -m 0755 .build/release/sluice .build/release/sluiced .build/release/sluice-agent "$(DESTDIR)$(BINDIR)/"
	install -m 0644 systemd/sluice.sysusers "$(DESTDIR)$(SYSUSERSDIR)/sluice.conf"
	sed 's|/usr/local/bin/sluiced|$(BINDIR)/sluiced|g' systemd/sluiced.service > "$(DESTDIR)$(UNITDIR)/sluiced.service.tmp"
	chmod 0644 "$(DESTDIR)$(UNITDIR)/sluiced.service.tmp"
	mv -f "$(DESTDIR)$(UNITDIR)/sluiced.service.tmp" "$(DESTDIR)$(UNITDIR)/sluiced.service"
	@cd etc/sluice && find . -type f | LC_ALL=C sort | while IFS= read -r f; do \
		dest="$(DESTDIR)$(SYSCONFDIR)/sluice/$${f#./}"; \
		if [ -e "$$dest" ]; then echo "kept existing $$dest"; continue; fi; \
		mode=0644; if [ -x "$$f" ]; then mode=0755; fi; \
		install -D -m "$$mode" "$$f" "$$dest" && echo "installed $$dest"; \
	done
	@# The user and group sluice, the Debian way (systemd-sysusers), or with useradd where that is missing.
	@if [ -z "$(DESTDIR)" ]; then \
		if command -v systemd-sysusers >/dev/null 2>&1; then \
			systemd-sysusers "$(SYSUSERSDIR)/sluice.conf"; \
		elif ! getent passwd sluice >/dev/null; then \
			useradd --system --user-group --home-dir /var/lib/sluice --no-create-home \
				--shell /usr/sbin/nologin --comment "sluice daemon" sluice; \
		fi; \
		getent passwd sluice >/dev/null && echo "user and group sluice: present (add users with: usermod -aG sluice NAME)"; \
	fi
	@if [ -z "$(DESTDIR)" ] && [ -d /run/systemd/system ]; then \
		echo "now: systemctl daemon-reload && systemctl enable --now sluiced"; \
	fi

format:
	$(SWIFT) format -i -r Sources Tests

lint:
	$(SWIFT) format lint -r Sources Tests

clean:
	$(SWIFT) package clean
