"""npm run test:dask: the Dask recipe of docs/distributed.md, run as written on a local cluster of two worker
processes with 4 partitions, against a direct run of the same records."""
import json
import os
import subprocess
import sys
import tempfile
import time

import dask.bag as db

from records import ROOT, comparable, recipe, write_records

COUNT = 24
BAD = 9


def input_name(record):
    """stdin:<line> of a result (input.path) or of an error record (input)."""
    name = record.get("input")
    return name.get("path") if isinstance(name, dict) else name


def main():
    os.chdir(ROOT)
    with tempfile.TemporaryDirectory(prefix="ma-dask-") as tmp:
        source = os.path.join(tmp, "docs.jsonl")
        lines = write_records(source, COUNT, BAD)
        script = os.path.join(tmp, "analyse_dask.py")
        with open(script, "w", encoding="utf-8") as out:
            out.write(recipe("dask"))
        assert db.read_text(source).repartition(npartitions=4).npartitions == 4

        started = time.monotonic()
        direct = subprocess.run(
            ["npx", "meeting-analyze", "--input", "jsonl", "--format", "jsonl", "--errors-in-output", "--quiet"],
            input="\n".join(lines) + "\n", capture_output=True, encoding="utf-8", check=True,
        ).stdout.splitlines()
        direct_s = time.monotonic() - started

        target = os.path.join(tmp, "results.jsonl")
        started = time.monotonic()
        subprocess.run([sys.executable, script, source, target, "4"], check=True, capture_output=True, encoding="utf-8")
        dask_s = time.monotonic() - started
        with open(target, encoding="utf-8") as f:
            results = f.read().splitlines()

        # One record per input, in order, ids as written (as strings), the bad line an error record.
        assert len(results) == COUNT, f"{len(results)} records for {COUNT} inputs"
        expected_ids = []
        for i, line in enumerate(lines):
            if i == BAD:
                expected_ids.append(None)
                continue
            member = line.split('"text"', 1)[0]
            value = member.split(":", 1)[1].strip().rstrip(",").strip() if '"id"' in member else None
            expected_ids.append(None if value is None else json.loads(value) if value.startswith('"') else value)
        got_ids = [json.loads(r).get("id") for r in results]
        assert got_ids == expected_ids, f"ids {got_ids} != {expected_ids}"
        assert "12345678901234567890" in got_ids and "1.0" in got_ids and "-2.5e3" in got_ids
        assert json.loads(results[BAD])["error"]["code"] == "BAD_RECORD"
        # Identical to the direct run, except the line numbers inside each mapper's stdin.
        assert [comparable(r) for r in results] == [comparable(r) for r in direct], "results differ from a direct run"
        # Each mapper numbers its stdin lines from 1: the number of stdin:1 records is the number of mapper runs.
        mappers = sum(1 for r in results if input_name(json.loads(r)) == "stdin:1")
        assert mappers >= 4, f"only {mappers} mapper runs"
        print(f"test:dask passed: {COUNT} records, {mappers} partitions on 2 worker processes; "
              f"wall time {dask_s:.1f} s with Dask vs {direct_s:.1f} s direct")


if __name__ == "__main__":
    main()
