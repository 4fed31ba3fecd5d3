#!/usr/bin/env python3
"""Copies the Kubernetes JSON schemas that PyPI's kubernetes-validate bundles into the layout kubeconform
reads from disk: <out>/v<version>-local[-strict]/<kind>-<group>-<version>.json.

As shipped, each schema carries an $id on kubernetes.io and refers to /api/_definitions.json; here the
$id is dropped and the references point at the local _definitions.json, so that nothing is fetched.

    kubeconform-schemas.py <kubernetes-validate site-packages dir> <kubernetes version> <out dir>
"""
import json
import pathlib
import sys


def convert(source: pathlib.Path, target: pathlib.Path) -> int:
    target.mkdir(parents=True, exist_ok=True)
    definitions = "file://" + str((target / "_definitions.json").resolve())
    count = 0
    for schema_file in source.glob("*.json"):
        schema = json.loads(schema_file.read_text())
        schema.pop("$id", None)
        text = json.dumps(schema).replace('"/api/_definitions.json#', '"' + definitions + "#")
        (target / schema_file.name).write_text(text)
        count += 1
    return count


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    package, version, out = pathlib.Path(sys.argv[1]), sys.argv[2].lstrip("v"), pathlib.Path(sys.argv[3])
    bundled = package / "kubernetes_validate" / "kubernetes-json-schema"
    for suffix in ("", "-strict"):
        source = bundled / f"v{version}-local{suffix}"
        if not source.is_dir():
            sys.exit(f"kubernetes-validate has no schemas for Kubernetes {version} ({source})")
        count = convert(source, out / f"v{version}-local{suffix}")
        print(f"{count} schemas for Kubernetes {version}{suffix} in {out}")


if __name__ == "__main__":
    main()
