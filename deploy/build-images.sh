#!/usr/bin/env bash
# Builds Loupe's container images from source (needs Docker with BuildKit; no JDK):
#
#   deploy/build-images.sh                      # loupe/{embedder,indexer,search}-service:<version> and loupe/models
#   deploy/build-images.sh --cuda               # also loupe/embedder-service:<version>-cuda
#   deploy/build-images.sh --registry ghcr.io/me --tag 0.1.0 --push
#
# Each image is `docker build -f deploy/docker/Dockerfile --build-arg SERVICE=<service> .` underneath.
set -euo pipefail
cd "$(dirname "$0")/.."

registry=loupe
tag=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' pom.xml | head -n 1)
cuda=false
push=false
usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; }
while (( $# > 0 )); do
  case "$1" in
    --registry) registry=${2:?--registry needs a value}; shift 2 ;;
    --tag) tag=${2:?--tag needs a value}; shift 2 ;;
    --cuda) cuda=true; shift ;;
    --push) push=true; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "build-images.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

images=()
build() { # <image> <docker build arguments...>
  local image="$registry/$1:$tag"; shift
  echo "build-images.sh: $image"
  DOCKER_BUILDKIT=1 docker build "$@" -t "$image" .
  images+=("$image")
}

for service in embedder-service indexer-service search-service; do
  build "$service" -f deploy/docker/Dockerfile --build-arg SERVICE="$service"
done
build models -f deploy/docker/Dockerfile.models
if [[ "$cuda" == true ]]; then
  image="$registry/embedder-service:$tag-cuda"
  echo "build-images.sh: $image"
  DOCKER_BUILDKIT=1 docker build -f deploy/docker/Dockerfile.embedder-cuda -t "$image" .
  images+=("$image")
fi
if [[ "$push" == true ]]; then
  for image in "${images[@]}"; do docker push "$image"; done
fi
printf 'build-images.sh: built %s\n' "${images[@]}"
