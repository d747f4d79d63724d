#!/usr/bin/env bash
# The chaos experiment of issue 8: N runs of the whole pipeline (the four packaged services as processes, a broker
# of its own, a generated JSONPlaceholder-shaped source), each under a random plan of 1-3 faults (kill -9 of a
# service and its restart, a broker restart, pg_terminate_backend of the target's connections). Prints every run
# and "N/N correct end states"; exits non-zero if a run ended otherwise than completed with every row or cleanly
# rolled back. Builds what e2e-tests needs first (offline), as bench/run-migration.sh does.
#
#   e2e-tests/run-chaos.sh [--runs 20] [--seed S] [--run-seed R] [--records 200000] [--max-faults 3]
#                          [--run-timeout-minutes 10] [--no-build] [-- extra Maven arguments]
#
# --seed replays a whole experiment, --run-seed one run (both are printed). The full Maven output goes to
# e2e-tests/target/chaos-maven.log; the report, with every run's work directory and logs, is printed.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=20 records=200000 seed="" run_seed="" max_faults=3 timeout=10 build=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    --run-seed) run_seed="$2"; shift 2 ;;
    --records) records="$2"; shift 2 ;;
    --max-faults) max_faults="$2"; shift 2 ;;
    --run-timeout-minutes) timeout="$2"; shift 2 ;;
    --no-build) build=false; shift ;;
    --) shift; break ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown option $1 (see --help)" >&2; exit 64 ;;
  esac
done

# -am builds and packages every module e2e-tests runs; --no-build reuses the packaged services and takes the
# libraries e2e-tests compiles against from this worktree's reactor all the same.
if $build; then
  modules=(-pl e2e-tests -am)
else
  modules=(-pl events,local-stack,test-support,mapping-plan,bench,e2e-tests)
fi
mkdir -p e2e-tests/target
log=e2e-tests/target/chaos-maven.log
set +e
./mvnw -B -o verify "${modules[@]}" -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=ChaosIT -Dfailsafe.failIfNoSpecifiedTests=false \
    -Djsonmig.chaos.runs="$runs" -Djsonmig.chaos.records="$records" -Djsonmig.chaos.max-faults="$max_faults" \
    -Djsonmig.chaos.run-timeout-minutes="$timeout" \
    ${seed:+-Djsonmig.chaos.seed="$seed"} ${run_seed:+-Djsonmig.chaos.run-seed="$run_seed"} "$@" 2>&1 \
  | tee "$log" | grep --line-buffered -E '^(chaos:|run [0-9]|  [a-zA-Z=]|      |\[ERROR\] (Tests run|Failed)|\[INFO\] BUILD)'
status=${PIPESTATUS[0]}
echo "full Maven output: $log"
exit "$status"
