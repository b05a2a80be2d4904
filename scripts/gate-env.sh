# Sourced by the conformance, IOD and redaction gates: where the corpus and the outside
# instruments are (../shared beside the checkout, or $VEIL_CORPUS / $VEIL_TOOLS), the Python that
# has Debian's pydicom, and how a gate stops when something it needs is absent: SKIPPED on a
# developer's machine, a failure under CI (where .ci/run installs everything).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=${VEIL_CORPUS:-$here/../shared/corpus}
tools=${VEIL_TOOLS:-$here/../shared/tools}
py=/usr/bin/python3

# gate_needs_shared NAME INSTRUMENT: skip when the corpus or the instrument (a file in $tools) is absent.
gate_needs_shared() {
  if [[ ! -d $corpus || ! -f $tools/$2 ]]; then
    echo "$1: SKIPPED — $corpus or $tools/$2 is absent (CI has ../shared beside the checkout)"
    exit 0
  fi
}

# gate_needs_python NAME MODULES WHAT-IS-MISSING: the modules (comma-separated) must import in $py.
gate_needs_python() {
  if ! $py -c "import $2" 2>/dev/null; then
    if [[ -n ${CI:-} ]]; then echo "$1: $3"; exit 1; fi
    echo "$1: SKIPPED — python3-pydicom is not installed (apt-get install -y python3-pydicom python3-numpy python3-gdcm)"
    exit 0
  fi
}
