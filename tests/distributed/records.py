"""Test records for the distributed recipes: generated from the project's seed article, with awkward ids and one bad line."""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]


def recipe(name):
    """The code block marked `<!-- tested: name -->` in docs/distributed.md, exactly as written there."""
    doc = (ROOT / "docs" / "distributed.md").read_text(encoding="utf-8")
    after = doc.split(f"<!-- tested: {name} -->", 1)[1]
    return after.split("```", 2)[1].split("\n", 1)[1]


def write_records(path, count, bad_at):
    """`count` lines of {"id", "text"} (distinct texts, ids of several kinds) with a line that is not JSON at `bad_at`."""
    paragraphs = (ROOT / "fixtures" / "zibo-2022.txt").read_text(encoding="utf-8").split("\n\n")
    head, body = paragraphs[0], paragraphs[1:]
    lines = []
    for i in range(count):
        text = "\n\n".join([head] + body[i % len(body): i % len(body) + 2 + i % 5])
        # Ids a JSON parser would change (big integer, 1.0), strings, and none at all.
        raw_id = ["12345678901234567890", "1.0", f'"doc-{i}"', "-2.5e3", None][i % 5]
        member = f'"id": {raw_id}, ' if raw_id is not None else ""
        lines.append("{" + member + '"text": ' + json.dumps(text, ensure_ascii=False) + "}")
    lines[bad_at] = '{"id": "broken", "text": '
    pathlib.Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return lines


def comparable(line):
    """A result without its `input` (stdin:<line> counts lines per mapper, so it differs between partitions)."""
    record = json.loads(line)
    if isinstance(record.get("input"), dict):
        record["input"] = {k: v for k, v in record["input"].items() if k != "path"}
    else:
        record.pop("input", None)
    return record
