#!/usr/bin/env bash
# npm run test:parallel: needs GNU parallel (Debian: apt-get install parallel) and the build in dist/. Without it,
# says why and passes.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! parallel --version 2>/dev/null | grep -q 'GNU parallel'; then
  echo "test:parallel skipped: GNU parallel is not installed (Debian: apt-get install parallel)"
  exit 0
fi
exec python3 tests/distributed/check_parallel.py
