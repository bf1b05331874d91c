#!/usr/bin/env python3
"""Checks the modules' imports against the layers in ARCHITECTURE.md: a module imports only the modules and
system libraries its layer allows. Exits 1 naming every import that is not allowed.

The edges in LEAKS are imports that break the layering today and are tolerated until removed (ARCHITECTURE.md,
"Leaks"); a leak that is gone must be taken off the list, so the list only shrinks."""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")

# Layer 0, pure: vocabulary and languages. No Foundation, no Glibc, no GRDB, no Dispatch; the standard library's
# Synchronization (a Mutex, no I/O) is allowed.
PURE = {
    "SluiceJSON": set(),
    "SluiceVocabulary": {"SluiceJSON"},
    "SluicePatterns": {"SluiceJSON"},
    "SluiceJSONata": {"SluiceJSON"},
    "SluiceASL": {"SluiceJSON", "SluiceVocabulary", "SluiceJSONata"},
    "SluiceCore": {"SluiceJSON", "SluicePatterns"},
    "SluiceInterpreter": {"SluiceJSON", "SluiceVocabulary", "SluiceASL", "SluiceJSONata"},
    "SluiceAWS": {"SluiceJSON", "SluiceVocabulary"},
    "SluiceGraph": {"SluiceJSON", "SluiceVocabulary", "SluiceASL"},
    "SluiceAgentWire": {"SluiceJSON", "SluiceVocabulary"},
}
PURE_MODULES = set(PURE)
SYSTEM = {"Foundation", "Glibc", "Dispatch", "Synchronization", "Logging", "GRDB", "GRDBSQLite", "ArgumentParser",
          "ServiceLifecycle", "UnixSignals", "CZlib", "CZstd", "CSystemd", "CSluiceLinux", "CSluiceScan",
          "NIOCore", "NIOPosix", "NIOHTTP1"}
# Layer 1, the operating system: pure modules, system libraries, and each other only as listed.
OS = {
    "SluiceLinux": set(),
    "SluiceStore": set(),
    "SluiceSystemd": set(),
    "SluiceConfig": set(),
    "SluiceBucket": set(),
    "SluiceWatch": set(),
    "SluiceWorkers": set(),
    "SluiceTopics": {"SluiceWorkers"},
    "SluiceEngine": {"SluiceBucket", "SluiceTopics", "SluiceWorkers", "SluiceStore"},
}
# The languages (ASL and its interpreter) sit above the vocabulary; of layer 1 only the modules that store,
# load or run state machines read them. The others (buckets, topics, the watcher, workers) use the vocabulary.
LANGUAGES = {"SluiceASL", "SluiceInterpreter"}
READS_LANGUAGES = {"SluiceStore", "SluiceConfig", "SluiceEngine"}
# Layer 2, the programs' own modules: anything below.
TOP = {"SluiceDaemon", "SluiceCLI", "SluiceTesting", "SluiceFuzzing"}
EXECUTABLES = {"sluice": {"SluiceCLI"}, "sluiced": {"SluiceDaemon", "SluiceSystemd", "SluiceEngine"}, "sluice-bench": None,
               "sluice-agent": {"SluiceAgentWire"}, "sluice-fuzz": {"SluiceFuzzing"}}

# module -> imports that break the layering today (see ARCHITECTURE.md, "Leaks").
LEAKS = {}


def allowed(module, imported):
    if imported == "SluiceTesting":
        # The test kit is for the test targets only.
        return False
    if imported in LEAKS.get(module, set()):
        return True
    if module in PURE:
        return imported in PURE[module] or imported == "Synchronization"
    if module in OS:
        # SluiceLinux, the system calls the others share, is the bottom of this layer.
        shared = imported == "SluiceLinux" and module != "SluiceLinux"
        if imported in LANGUAGES and module not in READS_LANGUAGES:
            return False
        return imported in PURE_MODULES or imported in SYSTEM or shared or imported in OS[module]
    if module == "SluiceTesting":
        # The test kit runs sluiced in-process: it sits on the programs' modules, and only tests import it.
        return True
    if module in TOP:
        return imported != "SluiceDaemon" or module == "SluiceDaemon"
    if module in EXECUTABLES:
        return EXECUTABLES[module] is None or imported in EXECUTABLES[module] or imported in SYSTEM
    return False


def main():
    problems = []
    seen = {}
    for module in sorted(os.listdir(ROOT)):
        folder = os.path.join(ROOT, module)
        if not os.path.isdir(folder) or module.startswith("C"):
            continue
        for base, _, files in os.walk(folder):
            for name in files:
                if not name.endswith(".swift"):
                    continue
                path = os.path.join(base, name)
                for line in open(path, encoding="utf-8"):
                    m = re.match(r"^(?:@testable\s+)?import\s+(\w+)", line)
                    if not m:
                        continue
                    imported = m.group(1)
                    seen.setdefault(module, set()).add(imported)
                    if not allowed(module, imported):
                        problems.append(f"{os.path.relpath(path, os.path.join(ROOT, '..'))}: {module} may not import {imported}")
    for module, leaks in LEAKS.items():
        for leak in sorted(leaks - seen.get(module, set())):
            problems.append(f"{module} no longer imports {leak}: take it off LEAKS in .ci/check-imports.py")
    for p in problems:
        print("import check:", p)
    print(f"import check: {len(problems)} problem(s) in {len(seen)} modules")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
