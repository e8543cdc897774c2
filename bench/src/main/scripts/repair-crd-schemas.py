#!/usr/bin/env python3
"""Repairs JSON schemas written by kubeconform's scripts/openapi2jsonschema.py, in place, in one way only.

Where a CRD has a field named `properties` (external-secrets' SecretStore and ClusterSecretStore v1), the script
takes the map of property schemas for a schema and adds `"additionalProperties": false` to it, as if it were a
property. Draft 4 allows no boolean there, so kubeconform cannot compile the schema and reports every such resource
as having no schema. This removes those entries, as kforge's conversion never adds them (CustomResources in
generator-core), so that both validate against the same schema.

usage: repair-crd-schemas.py FILE.json...
"""
import json
import sys


def repair(node):
    count = 0
    if isinstance(node, dict):
        named = node.get("properties")
        if isinstance(named, dict) and isinstance(named.get("additionalProperties"), bool):
            del named["additionalProperties"]
            count += 1
        for value in node.values():
            count += repair(value)
    elif isinstance(node, list):
        for value in node:
            count += repair(value)
    return count


for path in sys.argv[1:]:
    with open(path) as f:
        schema = json.load(f)
    repaired = repair(schema)
    if repaired:
        with open(path, "w") as f:
            json.dump(schema, f, indent=2)
        print(f"{path}: {repaired} entries removed")
