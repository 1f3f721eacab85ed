#!/usr/bin/env bash
# The fault matrix: the full pipeline once per simulator fault, per kill -9 in each phase, and with a report folder
# that fills up (a 1 MB tmpfs: needs root) or cannot be written. Prints a Markdown table; exits 1 if any scenario
# ended with an unexpected exit code. Runs in about 2 minutes.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/build.sh" --target=Help > /dev/null
if ! log="$(dotnet build "$root/bench/MlNode.Bench/MlNode.Bench.csproj" -c Release -nologo -v quiet -tl:off 2>&1)"; then printf '%s\n' "$log" >&2; exit 1; fi
exec dotnet "$root/artifacts/bin/MlNode.Bench/release/MlNode.Bench.dll" faults
