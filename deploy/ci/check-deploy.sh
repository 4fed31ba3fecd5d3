#!/usr/bin/env bash
# Validates deploy files offline (no Docker engine, no cluster): the Helm chart (helm lint --strict,
# helm template | kubeconform against the Kubernetes schemas and the ServiceMonitor CRD) for the default, CPU and GPU values;
# docker-compose.yml alone and with docker-compose.gpu.yml through compose-go (the loader of
# `docker compose config`); every Dockerfile through hadolint. ./loupe test runs it before the Java
# suites, whose ConfigContractTest checks the keys these files set. Exit status 1 names what failed.
#
#   deploy/ci/check-deploy.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/ci/deploy-tools.env
compose_check=$(deploy/ci/install-deploy-tools.sh)
chart=deploy/helm/loupe
failed=()

step() { # <description> <command...>
  local description=$1; shift
  if "$@" >"${TMPDIR:-/tmp}/loupe-check-deploy.out" 2>&1; then
    echo "check-deploy: ok      $description"
  else
    echo "check-deploy: FAILED  $description" >&2
    sed 's/^/    /' "${TMPDIR:-/tmp}/loupe-check-deploy.out" >&2
    failed+=("$description")
  fi
}

kubeconform() {
  "$KUBECONFORM" -strict -summary -kubernetes-version "$KUBERNETES_VERSION" \
    -schema-location "$KUBERNETES_SCHEMAS/{{.NormalizedKubernetesVersion}}-local{{.StrictSuffix}}/{{.ResourceKind}}{{.KindSuffix}}.json" \
    -schema-location "$CRD_SCHEMAS/{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json" "$@"
}

render_and_validate() { # <values args...>: helm template piped to kubeconform
  "$HELM" template loupe "$chart" --namespace loupe "$@" | kubeconform -
}

# The default values need the PostgreSQL password (no default secret); the GPU values name an existingSecret.
password=(--set secrets.postgresPassword=check-deploy)
for values in default values-cpu.yaml values-gpu.yaml; do
  args=("${password[@]}")
  [[ "$values" != default ]] && args+=(-f "$chart/$values")
  step "helm lint --strict ($values)" "$HELM" lint --strict "$chart" "${args[@]}"
  step "helm template | kubeconform $KUBERNETES_VERSION ($values)" render_and_validate "${args[@]}"
done
refuses_without_password() {
  ! "$HELM" template loupe "$chart" >/dev/null 2>"${TMPDIR:-/tmp}/loupe-helm.err" \
    && grep -q 'set secrets.postgresPassword' "${TMPDIR:-/tmp}/loupe-helm.err"
}
step "helm template refuses to render without a PostgreSQL password" refuses_without_password

step "docker-compose.yml (compose-go)" "$compose_check" -env-file .env.example docker-compose.yml
step "docker-compose.yml + docker-compose.gpu.yml (compose-go)" \
  "$compose_check" -env-file .env.example docker-compose.yml docker-compose.gpu.yml
refuses_without_env() { ! "$compose_check" docker-compose.yml; }
step "docker-compose.yml refuses to load without the .env secrets" refuses_without_env

mapfile -t dockerfiles < <(find deploy -name 'Dockerfile*' -type f | sort)
step "hadolint ${dockerfiles[*]}" "$HADOLINT" --failure-threshold warning "${dockerfiles[@]}"

if (( ${#failed[@]} > 0 )); then
  echo "check-deploy: ${#failed[@]} check(s) failed: ${failed[*]}" >&2
  exit 1
fi
echo "check-deploy: all deploy files valid"
