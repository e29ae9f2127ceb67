#!/usr/bin/env bash
# Prints the JVM options of the README's run command (the first "    java -XX..." line), so that the
# benchmarks start this server exactly as the README says: java $(bench/readme-java-options.sh) ...
set -euo pipefail
grep -m1 '^    java -XX' "$(dirname "$0")/../README.md" | sed 's/^ *java //; s/-jar.*//'
