"""npm run test:parallel: the GNU parallel recipe of docs/distributed.md, run as written (in a scratch directory
where `npx meeting-analyze` is this checkout), against a direct run of the same records."""
import os
import subprocess
import sys
import tempfile
import time

from records import ROOT, comparable, recipe, write_records

COUNT = 250
BAD = 120


def main():
    with tempfile.TemporaryDirectory(prefix="ma-parallel-") as tmp:
        bin_dir = os.path.join(tmp, "node_modules", ".bin")
        os.makedirs(bin_dir)
        os.symlink(os.path.join(ROOT, "bin", "meeting-analyze.js"), os.path.join(bin_dir, "meeting-analyze"))
        lines = write_records(os.path.join(tmp, "docs.jsonl"), COUNT, BAD)

        started = time.monotonic()
        direct = subprocess.run(
            ["node", os.path.join(ROOT, "bin", "meeting-analyze.js"), "--input", "jsonl", "--format", "jsonl", "--errors-in-output", "--quiet"],
            input="\n".join(lines) + "\n", capture_output=True, encoding="utf-8", check=True,
        ).stdout.splitlines()
        direct_s = time.monotonic() - started

        started = time.monotonic()
        subprocess.run(["bash", "-c", "set -euo pipefail\n" + recipe("parallel")], cwd=tmp, check=True)
        parallel_s = time.monotonic() - started
        with open(os.path.join(tmp, "results.jsonl"), encoding="utf-8") as f:
            results = f.read().splitlines()

        assert len(results) == COUNT, f"{len(results)} records for {COUNT} inputs"
        assert [comparable(r) for r in results] == [comparable(r) for r in direct], "results differ from a direct run"
        print(f"test:parallel passed: {COUNT} records in blocks of 100, 2 at a time; "
              f"wall time {parallel_s:.1f} s with parallel vs {direct_s:.1f} s direct")


if __name__ == "__main__":
    main()
