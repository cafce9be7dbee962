#!/usr/bin/env bash
# Indexing the same input twice leaves the index unchanged (skipped as unchanged, and with --force
# replaced in place); --delete removes an article's quotations.
set -euo pipefail
index=$1 whosaid=$2 db=$3 corpus=$4
rm -rf "$db"
"$index" --db "$db" "$corpus"
first=$("$whosaid" search --db "$db" --format jsonl --limit 100 ICC)
"$index" --db "$db" "$corpus" 2>&1 | grep -Eq " 0 articles, 0 quotations indexed, 0 removed, [1-9][0-9]* unchanged"
second=$("$whosaid" search --db "$db" --format jsonl --limit 100 ICC)
[ "$first" = "$second" ] || { echo "results changed after an unchanged re-run"; exit 1; }
"$index" --db "$db" --force "$corpus" 2>&1 | grep -Eq "quotations indexed, [1-9][0-9]* removed, 0 unchanged"
third=$("$whosaid" search --db "$db" --format jsonl --limit 100 ICC)
[ "$first" = "$third" ] || { echo "results changed after re-indexing with --force"; exit 1; }
"$index" --db "$db" --delete seed-icc-assembly
set +e
"$whosaid" search --db "$db" ICC >/dev/null
rc=$?
set -e
[ "$rc" = 1 ] || { echo "expected nothing found after --delete, exit $rc"; exit 1; }
rm -rf "$db"
echo ok
