#!/usr/bin/env bash
# Resolves a throw-away project that depends on the installed nnj artifacts (run after `mvn install`)
# and fails if a test framework reaches its class path. Inside the reactor nn-examples' own
# test-scoped JUnit wins Maven's mediation and hides such a leak, so only an outside consumer shows it.
set -euo pipefail
version="${1:-0.1.0-SNAPSHOT}"
dir="$(mktemp -d)"
trap 'rm -rf "$dir"' EXIT
deps=""
for a in nn-api nn-data nn-backend-naive nn-backend-ejml nn-backend-simd nn-examples; do
  deps="$deps<dependency><groupId>io.github.nnj</groupId><artifactId>$a</artifactId><version>$version</version></dependency>"
done
cat >"$dir/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>example</groupId><artifactId>nnj-consumer</artifactId><version>1</version>
  <dependencies>$deps</dependencies></project>
POM
(cd "$dir" && mvn -B -ntp -q dependency:tree -DoutputFile="$dir/tree.txt") >/dev/null
if grep -Ei 'junit|opentest4j|mockito|apiguardian|jmh' "$dir/tree.txt"; then
  echo "check-consumer-classpath: FAIL: a test or benchmark framework is on a consumer's class path (above)" >&2
  exit 1
fi
echo "check-consumer-classpath: OK: $(grep -c ':' "$dir/tree.txt") artifacts, no test framework among them"
