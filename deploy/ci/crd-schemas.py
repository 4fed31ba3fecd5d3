#!/usr/bin/env python3
"""Turns CustomResourceDefinitions into the JSON schemas kubeconform reads from disk:
<out>/<group>/<kind>_<version>.json, one per served version, strict (additionalProperties: false
wherever the CRD lists properties and allows nothing else), the way openapi2jsonschema --strict does.

    crd-schemas.py <out dir> <crd.yaml>...      (needs PyYAML: run it with the pytools venv's python)
"""
import json
import pathlib
import sys

import yaml


def strict(schema):
    if isinstance(schema, dict):
        if "properties" in schema and "additionalProperties" not in schema \
                and not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema["additionalProperties"] = False
        for value in schema.values():
            strict(value)
    elif isinstance(schema, list):
        for value in schema:
            strict(value)
    return schema


def main() -> None:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    out = pathlib.Path(sys.argv[1])
    for crd_file in sys.argv[2:]:
        for crd in yaml.safe_load_all(pathlib.Path(crd_file).read_text()):
            if not crd or crd.get("kind") != "CustomResourceDefinition":
                continue
            group = crd["spec"]["group"]
            kind = crd["spec"]["names"]["kind"].lower()
            for version in crd["spec"]["versions"]:
                schema = strict(version["schema"]["openAPIV3Schema"])
                target = out / group / f"{kind}_{version['name']}.json"
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(json.dumps(schema))
                print(f"{group}/{version['name']} {crd['spec']['names']['kind']} -> {target}")


if __name__ == "__main__":
    main()
