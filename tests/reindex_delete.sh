#!/usr/bin/env bash
# Indexing the same input twice leaves the index unchanged; --delete removes an article's quotations.
set -euo pipefail
index=$1 whosaid=$2 db=$3 corpus=$4
rm -rf "$db"
"$index" --db "$db" "$corpus"
first=$("$whosaid" search --db "$db" --format jsonl --limit 100 ICC)
"$index" --db "$db" "$corpus" 2>&1 | grep -Eq "quotations indexed, [1-9][0-9]* removed"
second=$("$whosaid" search --db "$db" --format jsonl --limit 100 ICC)
[ "$first" = "$second" ] || { echo "results changed after re-indexing"; exit 1; }
"$index" --db "$db" --delete seed-icc-assembly
set +e
"$whosaid" search --db "$db" ICC >/dev/null
rc=$?
set -e
[ "$rc" = 1 ] || { echo "expected nothing found after --delete, exit $rc"; exit 1; }
rm -rf "$db"
echo ok
