#!/usr/bin/env bash
# Proves the out-of-tree backend example end to end, the way an outside author would use nnj:
#   1. installs nnj 0.1.0-SNAPSHOT into the local Maven repository (skip with NNJ_SKIP_INSTALL=1);
#   2. builds examples/custom-backend on its own, which runs the nnj conformance kit on `checked`;
#   3. checks that `./nnj backends` lists `checked` when its jar is on NNJ_CLASSPATH, that it can
#      be chosen by name, and that without the jar it is not there.
# Uses $JAVA_HOME when set (the launcher does too). Takes about a minute and a half.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
jar="$here/target/custom-backend.jar"
fail() { echo "verify.sh: FAIL: $*" >&2; exit 1; }

if [ "${NNJ_SKIP_INSTALL:-0}" != 1 ]; then
  echo "== installing nnj into the local Maven repository"
  (cd "$root" && mvn -q -B -ntp -DskipTests install)
fi

echo "== building the example backend and running the conformance kit on it"
(cd "$here" && mvn -q -B -ntp package)
[ -f "$jar" ] || fail "$jar was not built"
grep -h "Tests run" "$here"/target/surefire-reports/*.txt

cd "$root"
echo "== ./nnj backends with the example jar on NNJ_CLASSPATH"
out=$(NNJ_CLASSPATH="$jar" ./nnj backends) || fail "./nnj backends failed: $out"
echo "$out"
grep -Eq '^ +checked +priority -10 +supported' <<<"$out" || fail "checked is not listed as supported"
grep -q '^Chosen: checked' <<<"$out" && fail "checked must not be the default (priority -10)"

out=$(NNJ_CLASSPATH="$jar" NNJ_BACKEND=checked ./nnj backends) || fail "NNJ_BACKEND=checked was refused: $out"
grep -q '^Chosen: checked (by the environment variable NNJ_BACKEND)' <<<"$out" || fail "checked was not chosen: $out"

echo "== ./nnj backends without it"
out=$(./nnj backends) || fail "./nnj backends failed without NNJ_CLASSPATH: $out"
grep -q 'checked' <<<"$out" && fail "checked is listed although its jar is not on the class path: $out"

echo "verify.sh: OK: the checked backend passes the kit and plugs into ./nnj"
