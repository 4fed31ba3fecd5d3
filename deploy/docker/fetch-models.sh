#!/usr/bin/env bash
# Entry point of the models image: fills LOUPE_MODELS_TARGET (default /models) with the bundles named
# as arguments (default: $LOUPE_FETCH_MODELS, else clip-vit-base-patch32) and the random-weight test
# bundle. A bundle already there is kept; a failed download leaves the volume as it was and fails.
set -euo pipefail
target="${LOUPE_MODELS_TARGET:-/models}"
mkdir -p "$target"
if [[ ! -d "$target/clip-tiny-random" ]]; then
  cp -R /opt/loupe/models/clip-tiny-random "$target/"
fi
models=("$@")
if (( ${#models[@]} == 0 )); then
  read -r -a models <<<"${LOUPE_FETCH_MODELS:-clip-vit-base-patch32}"
fi
for model in "${models[@]}"; do
  [[ "$model" == none ]] && continue
  if [[ -d "$target/$model" ]]; then
    echo "loupe-fetch-models: $model is already in $target"
  else
    fetch-model.sh --dest "$target" "$model"
  fi
done
ls -1 "$target"
