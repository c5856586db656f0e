#!/usr/bin/env bash
# npm run test:dask: needs a Python with dask and distributed (Debian: apt-get install python3-distributed) and the
# build in dist/. Without Dask it says why and passes: the default test suite never needs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
for python in python3 /usr/bin/python3; do
  if "$python" -c 'import dask.bag, distributed' 2>/dev/null; then
    exec "$python" tests/distributed/check_dask.py
  fi
done
echo "test:dask skipped: no Python with dask and distributed (Debian: apt-get install python3-distributed)"
