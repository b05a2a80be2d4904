#!/usr/bin/env bash
# Conformance gate (issue 2): de-identify ../shared/corpus with the veil CLI, then score the
# output with the outside instrument ../shared/tools/deid_check.py (PS3.15 Table E.1-1, UID
# consistency, markers, residual-PHI scan). Fails on any leak, any unparsable output, or
# conformance below 99.9 % (issue 12; SR content is scored as D). Prints the instrument's score line.
# Options to test can be given as VEIL_GATE_OPTIONS="--retain-uids ..." with the matching
# deid_check names in VEIL_GATE_CHECK_OPTIONS="retain-uids,...".
set -euo pipefail
source "$(dirname "$0")/gate-env.sh"
gate_needs_shared "conformance gate" deid_check.py
gate_needs_python "conformance gate" pydicom "python3-pydicom is missing (apt-get install python3-pydicom)"
work=$(mktemp -d /tmp/veil-gate.XXXXXX)
trap 'rm -rf "$work"' EXIT
key="$work/gate.key"
set +e
# The mapping files, the report and the audit log go to the private folder, $work/keep; --out
# holds DICOM only, so the checker reads it as it is.
node "$here/bin/veil.mjs" anonymize "$corpus" --out "$work/out" --keep "$work/keep" --key "$key" --report "$work/report.json" ${VEIL_GATE_OPTIONS:-} 2> "$work/cli.err"
cli=$?
set -e
tail -n 3 "$work/cli.err"
if [[ $cli -gt 1 ]]; then echo "conformance gate: the CLI failed (exit $cli)"; cat "$work/cli.err"; exit 1; fi
if grep -q 'must hold de-identified DICOM only' "$work/cli.err"; then echo "conformance gate: --out holds files that are not DICOM"; grep 'must hold' "$work/cli.err"; exit 1; fi
opts=()
[[ -n ${VEIL_GATE_CHECK_OPTIONS:-} ]] && opts=(--options "$VEIL_GATE_CHECK_OPTIONS")
# Outputs are named by new UIDs, not by input paths: the checker pairs each original with its
# output from the run's report (input → output), not by guessing from pixel hashes (several inputs
# of the corpus share their pixels, and a wrong pair reads as a leak).
$py - "$work/report.json" "$corpus" "$work/out" > "$work/pairs.tsv" <<'PY'
import json, os, sys
report, corpus, out = sys.argv[1:4]
for f in json.load(open(report))['files']:
    if f.get('output'):
        print(os.path.relpath(os.path.abspath(f['input']), corpus) + '\t' + os.path.relpath(os.path.abspath(f['output']), out))
PY
opts+=(--mapping "$work/pairs.tsv")
set +e
$py "$tools/deid_check.py" "$corpus" "$work/out" "${opts[@]}" --json "$work/check.json" > "$work/check.txt" 2>&1
set -e
grep -E '^== violations by code' "$work/check.txt" || true
score=$(grep -E '^score:' "$work/check.txt" | tail -n 1)
echo "$score"
[[ -n $score ]] || { echo "conformance gate: deid_check printed no score"; tail -n 20 "$work/check.txt"; exit 1; }
leaks=$(sed -E 's/.* ([0-9]+) leaks.*/\1/' <<<"$score")
unparsable=$(sed -E 's/.* ([0-9]+) files unparsable.*/\1/' <<<"$score")
pct=$(sed -E 's/.*\(([0-9.]+)% conformant\).*/\1/' <<<"$score")
fail=0
if [[ $leaks != 0 ]]; then echo "conformance gate: FAILED — $leaks leak(s)"; grep -E '^\s+LEAK' "$work/check.txt" | head -20; fail=1; fi
if [[ $unparsable != 0 ]]; then echo "conformance gate: FAILED — $unparsable unparsable output(s)"; fail=1; fi
if ! awk -v p="$pct" 'BEGIN { exit !(p >= 99.9) }'; then echo "conformance gate: FAILED — $pct% < 99.9%"; fail=1; fi
[[ $fail == 0 ]] && echo "conformance gate: passed ($pct% conformant, 0 leaks, 0 unparsable)"
exit $fail
