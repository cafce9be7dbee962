#!/usr/bin/env bash
# expect_exit.sh CODE COMMAND...: runs COMMAND (output passes through) and fails unless it exits CODE.
expected=$1
shift
"$@" 2>&1
rc=$?
if [ "$rc" != "$expected" ]; then
  echo "expect_exit: exit status $rc, expected $expected: $*" >&2
  exit 1
fi
