#!/usr/bin/env bash
# Brings every hand-written Java source of the tree to config/checkstyle/checkstyle.xml, once.
# Not part of the build: run it from the repository root when the code style has to be (re)applied:
#     scripts/reformat.sh            # offline (the checkstyle plugin must already be in ~/.m2)
#     MVN_OFFLINE= scripts/reformat.sh   # let Maven download the checkstyle plugin first
# Deterministic and idempotent: a tree already in style is left as it is. Needs python3 and Maven.
# Then check with: mvn -o -q -B validate && mvn -o -q -B test-compile
set -euo pipefail

cd "$(dirname "$0")/.."
MVN_OFFLINE=${MVN_OFFLINE--o}
PY="python3 scripts/reformat.py"

sources() {
    find . -path ./.git -prune -o -type f -name '*.java' -path '*/src/*' -not -path '*/target/*' -print | LC_ALL=C sort
}

checkstyle() {
    find . -path '*/target/checkstyle-result.xml' -not -path './.git/*' -delete
    find . -path '*/target/checkstyle-cachefile' -not -path './.git/*' -delete
    mvn $MVN_OFFLINE -q -B validate -Dcheckstyle.failOnViolation=false > /dev/null 2>&1 || true
    find . -path '*/target/checkstyle-result.xml' -not -path './.git/*' | LC_ALL=C sort
}

count() {
    local total=0
    for report in "$@"; do
        total=$((total + $(grep -c '<error ' "$report" || true)))
    done
    echo "$total"
}

echo "1/5 braces (Allman) and null comparisons (x == null)"
sources | xargs $PY source

echo "2/5 final parameters and locals, unused imports (from checkstyle's report)"
mapfile -t reports < <(checkstyle)
echo "    $(count "${reports[@]}") violations before"
$PY checkstyle "${reports[@]}"

echo "3/5 lines over 120 columns"
sources | xargs $PY wrap

echo "4/5 indentation of wrapped lines (from checkstyle's report)"
mapfile -t reports < <(checkstyle)
$PY checkstyle "${reports[@]}"

echo "5/5 checking"
sources | xargs $PY wrap
mapfile -t reports < <(checkstyle)
$PY report "${reports[@]}"
