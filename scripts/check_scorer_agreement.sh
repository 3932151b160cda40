#!/usr/bin/env bash
# Check that `kehoach eval` agrees number for number with the reference
# scorer score.py (../shared/tools/score.py, or $SCORE_PY), on:
#   1. the pipeline's records for corpus/ against tests/gold;
#   2. synthetic records built from tests/gold, perfect (seed 0) and
#      degraded (seeds 1-5: items dropped, moved, altered, invented, a file
#      without a record), so agreement is shown on non-trivial scores;
#   3. the hand-made edge cases of tests/fixtures/eval/.
# Every number and key of `--json` must be equal. Exits 1 on any difference,
# 0 when all agree or when score.py is not there (skipped, with a message).
#
# Run from anywhere; uses the release binary (built here) unless
# $KEHOACH_BIN names one.
set -euo pipefail

cd "$(dirname "$0")/.."
SCORE_PY=${SCORE_PY:-../shared/tools/score.py}
if [[ ! -f $SCORE_PY ]]; then
    echo "check_scorer_agreement: $SCORE_PY not found; skipped"
    exit 0
fi
if ! command -v python3 >/dev/null; then
    echo "check_scorer_agreement: python3 not found; skipped"
    exit 0
fi
if [[ -z ${KEHOACH_BIN:-} ]]; then
    cargo build --release --quiet
    KEHOACH_BIN=target/release/kehoach
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

failed=0
compare() { # name records.jsonl gold_dir
    local name=$1 records=$2 gold=$3
    python3 "$SCORE_PY" "$records" "$gold" --json >"$tmp/py.json"
    "$KEHOACH_BIN" eval --gold "$gold" "$records" --json >"$tmp/rs.json"
    if python3 - "$tmp/py.json" "$tmp/rs.json" "$name" <<'PY'; then :; else failed=1; fi
import json, sys
py, rs, name = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
diffs = []
def walk(a, b, path):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                diffs.append(f"{path}.{k}: only in {'score.py' if k in a else 'kehoach'}")
            else:
                walk(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            walk(x, y, f"{path}[{i}]")
    elif type(a) is not type(b) or a != b:
        diffs.append(f"{path}: score.py {a!r}, kehoach {b!r}")
walk(py, rs, "")
if diffs:
    print(f"DISAGREE {name}:")
    for d in diffs: print("   ", d)
    sys.exit(1)
f1 = " ".join(f"{k}={py[k]['f1']:.3f}" for k in ("citations", "quotas", "deadlines", "tasks", "bodies"))
print(f"agree    {name:<22} {f1} plan={py['plan_accuracy']:.3f} macro={py['macro_f1']:.3f}")
PY
}

# 1. the pipeline on the seeds
"$KEHOACH_BIN" extract corpus/ -o "$tmp/x.jsonl" --quiet || true # error records are fine here
compare "corpus" "$tmp/x.jsonl" tests/gold

# 2. synthetic records
for seed in 0 1 2 3 4 5; do
    "$KEHOACH_BIN" eval --gold tests/gold --synthetic "$seed" >"$tmp/s$seed.jsonl"
    compare "synthetic seed $seed" "$tmp/s$seed.jsonl" tests/gold
done

# 3. hand-made edge cases
compare "fixtures/eval" tests/fixtures/eval/pred.jsonl tests/fixtures/eval/gold

if [[ $failed -ne 0 ]]; then
    echo "check_scorer_agreement: kehoach eval disagrees with $SCORE_PY"
    exit 1
fi
echo "check_scorer_agreement: kehoach eval agrees with $SCORE_PY on every case"
