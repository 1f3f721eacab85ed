#!/usr/bin/env bash
# The benchmarks: one line per figure (and detail lines under it). Not tests: nothing here fails a build.
#   bench/run.sh            every figure (about 3 minutes on 2 cores)
#   bench/run.sh 1 4        only figures 1 and 4
# Also runnable as ./build.sh --target=Bench. Numbers from the last run are in bench/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/build.sh" --target=Help > /dev/null   # restore and build what the figures run, warm the script cache
if ! log="$(dotnet build "$root/bench/MlNode.Bench/MlNode.Bench.csproj" -c Release -nologo -v quiet -tl:off 2>&1)"; then printf '%s\n' "$log" >&2; exit 1; fi
exec dotnet "$root/artifacts/bin/MlNode.Bench/release/MlNode.Bench.dll" figures "$@"
