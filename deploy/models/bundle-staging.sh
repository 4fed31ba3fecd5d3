# Sourced by fetch-model.sh and fetch-text-model.sh: a bundle is written into a staging directory
# beside its destination and renamed into place, so that it appears whole or not at all.

# begin_staging DEST MODEL: creates $staging in DEST and removes it (and any replaced bundle) on exit.
begin_staging() {
  mkdir -p -- "$1"
  staging="$(mktemp -d "${1%/}/.${2}.partial.XXXXXX")"
  previous=""
  trap cleanup_staging EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

cleanup_staging() {
  [[ -z ${staging:-} ]] || rm -rf -- "$staging"
  [[ -z ${previous:-} ]] || rm -rf -- "$previous"
}

# publish_staging BUNDLE DEST MODEL: renames $staging to BUNDLE, replacing what was there.
publish_staging() {
  if [[ -e $1 ]]; then
    previous="$(mktemp -d "${2%/}/.${3}.previous.XXXXXX")"
    mv -- "$1" "$previous/bundle"
  fi
  mv -- "$staging" "$1"
  staging=""
  chmod 755 -- "$1"
}
