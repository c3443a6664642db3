#!/usr/bin/env python3
"""Validates renosim result files against docs/results.schema.json (schema version 2)
or docs/results.schema.v1.json (files of schema version 1), by their schema_version.

    python3 scripts/validate-results.py results/baselines/*.json out/result.json

Needs the `jsonschema` package (Debian: python3-jsonschema; pip: jsonschema).
Prints one line per problem and exits 1 if any file is invalid.
"""
import json
import pathlib
import sys

import jsonschema

DOCS = pathlib.Path(__file__).resolve().parent.parent / "docs"
SCHEMAS = {1: DOCS / "results.schema.v1.json", 2: DOCS / "results.schema.json"}


def main(paths):
    validators = {}
    for version, path in SCHEMAS.items():
        schema = json.loads(path.read_text(encoding="utf-8"))
        jsonschema.Draft202012Validator.check_schema(schema)
        validators[version] = jsonschema.Draft202012Validator(schema)
    bad = 0
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        version = document.get("schema_version") if isinstance(document, dict) else None
        validator = validators.get(version, validators[max(validators)])
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path)):
            where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
            print(f"{path}: {where}: {error.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
