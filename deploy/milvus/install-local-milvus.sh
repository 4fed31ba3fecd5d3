#!/usr/bin/env bash
# Installs a local Milvus-API server (milvus-lite, from PyPI) for the Milvus integration tests
# (LocalMilvusServer), ./loupe cluster and CI: into a virtual environment outside the clone, one per
# pinned version (LOUPE_TOOLS_DIR, default ~/.cache/loupe-tools), linked from <repo>/.venv/milvus.
# Idempotent: a no-op when the pinned versions are already installed. Needs python3 (>= 3.10) with
# the venv module and access to PyPI.
#
#   deploy/milvus/install-local-milvus.sh          # install or verify
#   .venv/milvus/bin/milvus-lite server --data-dir /tmp/m --host 127.0.0.1 --port 19530
set -euo pipefail

# milvus-lite 3.x is a Python gRPC server speaking the Milvus 2.6 protocol (faiss HNSW/IVF indexes).
# It imports pymilvus' generated gRPC stubs without declaring the dependency, so pymilvus is pinned
# too, to the 2.6 line that matches milvus-sdk-java 2.6.
MILVUS_LITE_VERSION="3.2.2"
PYMILVUS_VERSION="2.6.17"
# milvus-lite's Chinese BM25 analyser (tokenizer "jieba", what Milvus 2.6 calls the chinese analyzer)
# is an optional dependency; text collections with a Chinese analysis need it.
JIEBA_VERSION="0.42.1"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
tools="${LOUPE_TOOLS_DIR:-$HOME/.cache/loupe-tools}"
venv="${LOUPE_MILVUS_VENV:-$tools/milvus-lite-$MILVUS_LITE_VERSION-pymilvus-$PYMILVUS_VERSION-jieba-$JIEBA_VERSION}"
link="$repo_root/.venv/milvus"
stamp="$venv/.loupe-installed"
wanted="milvus-lite==$MILVUS_LITE_VERSION pymilvus==$PYMILVUS_VERSION jieba==$JIEBA_VERSION"

# <repo>/.venv/milvus, where the tests look, points at the versioned environment
link_venv() {
    mkdir -p "$(dirname "$link")"
    if [[ -d "$link" && ! -L "$link" ]]; then
        rm -rf "$link" # an environment an earlier version of this script installed inside the clone
    fi
    ln -sfn "$venv" "$link"
}

if [[ -x "$venv/bin/milvus-lite" && -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]]; then
    link_venv
    echo "milvus-lite $MILVUS_LITE_VERSION already installed in $venv"
    exit 0
fi

python="${PYTHON:-python3}"
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' 2>/dev/null; then
    echo "error: $python (>= 3.10) is needed to install milvus-lite; set PYTHON=/path/to/python3" >&2
    exit 1
fi

if [[ ! -x "$venv/bin/python" ]]; then
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "milvus-lite==$MILVUS_LITE_VERSION" "pymilvus==$PYMILVUS_VERSION" "jieba==$JIEBA_VERSION"
# a smoke test of the entry point: fails here, not in the first test, when the install is broken
"$venv/bin/milvus-lite" server --help >/dev/null
echo "$wanted" >"$stamp"
link_venv
echo "milvus-lite $MILVUS_LITE_VERSION installed in $venv"
