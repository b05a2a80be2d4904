#!/usr/bin/env bash
# IOD gate (issue 2): dciodvfy (Debian dicom3tools) must report no error on a de-identified
# output that it did not report on its original. Runs the veil CLI over ../shared/corpus and
# compares the two error lists file by file (UID values masked). Originals dciodvfy cannot read
# to the end are skipped (their error lists are not comparable), and so is one documented case:
# an original with no SOP Class UID anywhere gets a file meta whose Media Storage SOP Class UID
# is empty, because no class can be invented.
set -euo pipefail
source "$(dirname "$0")/gate-env.sh"
if [[ ! -d $corpus ]]; then echo "IOD gate: SKIPPED — $corpus is absent"; exit 0; fi
if ! command -v dciodvfy >/dev/null; then
  if [[ -n ${CI:-} ]]; then echo "IOD gate: dciodvfy is missing (apt-get install dicom3tools)"; exit 1; fi
  echo "IOD gate: SKIPPED — dciodvfy is not installed (apt-get install -y dicom3tools)"; exit 0
fi
work=$(mktemp -d /tmp/veil-iod.XXXXXX)
trap 'rm -rf "$work"' EXIT
# --keep-paths: mirrored names pair each output with its original (the gate judges the IOD, not names).
node "$here/bin/veil.mjs" anonymize "$corpus" --out "$work/out" --key "$work/k" --jobs 2 --keep-paths 2>/dev/null || true
corpus=$(realpath "$corpus")
errors() { timeout 60 dciodvfy "$1" 2>&1 | grep -aE '^Error' | sed -E 's/<[0-9][0-9.]*>/<uid>/g; s/(ReferencedSOPInstanceUID) [0-9.]+/\1 uid/' | sort -u || true; }
checked=0; bad=0
cd "$work/out"
while IFS= read -r f; do
  orig=$(errors "$corpus/$f")
  if grep -qE 'read failed|Tags out of order' <<<"$orig"; then continue; fi
  checked=$((checked + 1))
  new=$(comm -13 <(echo "$orig") <(errors "$f") | grep -v 'MediaStorageSOPClassUID but missing SOPClassUID' || true)
  if [[ -n $new ]]; then bad=$((bad + 1)); echo "new dciodvfy errors in $f:"; echo "$new" | head -5; fi
done < <(find . -type f | sed 's|^\./||' | sort) # --out holds DICOM only (the private files are in out.private)
echo "IOD gate: $checked outputs compared with their originals, $bad with new dciodvfy errors"
[[ $bad == 0 ]]
