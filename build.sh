#!/usr/bin/env bash
# Bootstrapper for the MlNode.Tasks Cake task graph. Needs only the .NET SDK.
#   ./build.sh                      help: tasks and arguments
#   ./build.sh --target=Demo        the whole pipeline against the embedded MLNode simulator
#   ./build.sh --target=Test        the test suite
# Every argument is passed to Cake unchanged. It restores the Cake runner (pinned in dotnet-tools.json) when it is
# missing, builds the library only when its sources changed, and makes the top-level cake.config take effect.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# dotnet cake runs in build/; relative paths the caller types (--reference=..., --exp-dir=...) mean this folder.
export MLNODE_TASKS_WORKDIR="$PWD"

# Cake reads cake.config only from the script's folder (build/). Export the top-level file's Cake sections as
# CAKE_<SECTION>_<KEY> unless the environment already sets them; the library reads the [MlNode] section itself,
# so it can tell a value from cake.config from one from the environment.
# Pure bash on purpose: a sed or tr per line would cost more start-up time than Cake's script cache saves.
section=""
while IFS= read -r line || [ -n "$line" ]; do
  line="${line%$'\r'}"
  line="${line#"${line%%[![:space:]]*}"}"; line="${line%"${line##*[![:space:]]}"}"
  case "$line" in
    ""|\;*|\#*) continue ;;
    \[*\]) section="${line#[}"; section="${section%]}"; continue ;;
  esac
  [ "${section^^}" = "MLNODE" ] && continue
  key="${line%%=*}"; value="${line#*=}"
  key="${key%"${key##*[![:space:]]}"}"; value="${value#"${value%%[![:space:]]*}"}"
  var="CAKE_${section^^}_${key^^}"
  if [ -z "${!var+x}" ]; then export "$var=$value"; fi
done < "$root/cake.config"
export CAKE_PATHS_CACHE="${CAKE_PATHS_CACHE:-$root/artifacts/cake/cache}"
export CAKE_PATHS_TOOLS="${CAKE_PATHS_TOOLS:-$root/artifacts/cake/tools}"

cd "$root"

# The Cake runner pinned in dotnet-tools.json: restored once into the NuGet cache.
manifest="$(< dotnet-tools.json)"
[[ "$manifest" =~ \"cake.tool\"[^}]*\"version\":\ *\"([^\"]+)\" ]] && cake_version="${BASH_REMATCH[1]}"
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
cake_dll="$packages/cake.tool/$cake_version/tools/net10.0/any/Cake.dll"
if [ ! -f "$cake_dll" ]; then
  echo "build.sh: restoring the Cake runner (cake.tool $cake_version)..." >&2
  dotnet tool restore >&2
fi

# Runs started together in one checkout (a pipeline's parallel jobs, a test suite) must not build the library or
# compile build.cake at the same time: two `dotnet build`s collide in obj/, and Cake writes its compiled script into
# the script cache without a lock, so all but one of the runs that found it missing fail with "The process cannot
# access the file ... because it is being used by another process". Both happen under one lock, checked again once
# held. flock(1) is util-linux; where it is missing (macOS) runs are not serialized.
lock_file="${CAKE_PATHS_CACHE%/}.lock"
lock() { if command -v flock >/dev/null 2>&1; then mkdir -p "$(dirname "$lock_file")"; exec 9>"$lock_file"; flock 9; fi; }
unlock() { if command -v flock >/dev/null 2>&1; then flock -u 9; exec 9>&-; fi; }

# The library and the simulator: rebuilt only when a source is newer than the last successful build.
stamp="artifacts/.build-stamp"
stale() { [ ! -f "$stamp" ] || [ -n "$(find src Directory.Build.props Directory.Packages.props global.json -newer "$stamp" -print -quit 2>/dev/null)" ]; }
if stale; then
  lock
  if stale; then
    echo "build.sh: building src/MlNode.Tasks and src/MlNode.Simulator (Release)..." >&2
    if ! build_log="$(dotnet build src/MlNode.Simulator/MlNode.Simulator.csproj -c Release -nologo -v quiet -tl:off 2>&1)"; then
      printf '%s\n' "$build_log" >&2
      echo "build.sh: the build failed (output above)" >&2
      exit 1
    fi
    # A compiled build.cake in Cake's script cache binds to the old library; drop it so Cake recompiles.
    rm -rf "$CAKE_PATHS_CACHE"
    mkdir -p artifacts && touch "$stamp"
  fi
  unlock
fi

# The same runner `dotnet cake` starts, launched directly: the tool muxer would run Cake as a child process that
# does not pass on SIGINT (kill -INT from a pipeline would be lost), and it adds ~0.3 s to every start.
# Dynamic PGO instruments tier-0 code for a payoff that only long-lived processes collect; a task graph run that
# lives seconds to minutes (and waits on the network) starts ~0.3 s faster without it (bench/RESULTS.md, F3).
export DOTNET_TieredPGO="${DOTNET_TieredPGO:-0}"
# Cake answers --help itself with its runner's usage; whoever types it here wants the task pack's help.
# Cake's own parser rejects some arguments with exit 255 and a caret diagram before the task pack could say what is
# wrong (an empty value, a stray word, a one-dash word, a name Cake cannot parse such as --=x, --x, '--a b=1' or a lone
# --, a switch given a value, an unknown verbosity): those get the
# task pack's one-line ERROR and exit 1 here. Only an empty value is refused: a value may itself end in '='
# (base64, a URL's query). Nothing printed here may carry a secret: a URL's user:password is masked.
# Everything from the scheme to the last '@' is masked: a password may itself hold a raw '@' or '/'.
masked() {
  local text="$1"
  if [[ "$text" == *://*@* ]]; then text="${text%%://*}://***@${text##*@}"; fi
  printf '%s' "$text"
}
verbosity_ok() { [[ "${1,,}" =~ ^(quiet|minimal|normal|verbose|diagnostic|q|m|n|v|d)$ ]]; }
switches="exclusive|e|dryrun|noop|whatif|tree|description|descriptions|showdescription|showdescriptions|info|version|ver|debug|d|bootstrap|skip-bootstrap"
args=()
previous=""
for arg in "$@"; do
  name="${arg%%=*}"; name="${name#-}"; name="${name#-}"
  if [[ "$previous" =~ ^(-v|--verbosity)$ ]]; then
    if ! verbosity_ok "$arg"; then
      echo "ERROR: $previous $(masked "$arg") is not a verbosity; use quiet, minimal, normal, verbose or diagnostic (e.g. --verbosity=diagnostic)"
      exit 1
    fi
    args+=("$arg"); previous="$arg"; continue
  fi
  if [[ "$arg" == --* && "$arg" != --help && ! "$name" =~ ^[A-Za-z][A-Za-z0-9_-]+$ ]]; then
    echo "ERROR: '$(masked "$arg")' is not an argument: a name is two or more letters, digits, '-' or '_', a letter first (e.g. --target=Report); ./build.sh --target=Help lists them"
    exit 1
  fi
  case "$arg" in
    --help|-h|-\?) args+=(--usage) ;;
    -*=*)
      value="${arg#*=}"
      if [ -z "$value" ]; then
        echo "ERROR: ${arg} has an empty value; give one (e.g. ${arg}<value>) or leave the argument out; ./build.sh --target=Help lists every argument"
        exit 1
      elif [[ "$arg" != --* && ! "$name" =~ ^(v|d|e)$ ]]; then
        echo "ERROR: $(masked "$arg") has one dash; arguments are --name=value (did you mean -$(masked "$arg")?); ./build.sh --target=Help lists them"
        exit 1
      elif [[ "$name" =~ ^(v|verbosity)$ ]] && ! verbosity_ok "$value"; then
        echo "ERROR: --verbosity=$(masked "$value") is not a verbosity; use quiet, minimal, normal, verbose or diagnostic"
        exit 1
      elif [[ "$name" =~ ^($switches)$ && ! "${value,,}" =~ ^(true|false)$ ]]; then
        echo "ERROR: --${name} is a switch; give it alone (--${name}) or as --${name}=true or =false, not =$(masked "$value")"
        exit 1
      fi
      args+=("$arg") ;;
    --verbosity|-v)
      args+=("$arg") ;;
    --*) args+=("$arg") ;;
    -*)
      if [[ ! "$name" =~ ^(d|e)$ ]]; then
        echo "ERROR: '$(masked "$arg")' is not an argument; arguments are --name=value (did you mean -$(masked "$arg")?); ./build.sh --target=Help lists them"
        exit 1
      fi
      args+=("$arg") ;;
    *)
      if [[ -z "$previous" || "$previous" == *=* || "$previous" != -* ]]; then
        echo "ERROR: '$(masked "$arg")' is not an argument; arguments are --name=value (e.g. --target=Report); ./build.sh --target=Help lists them"
        exit 1
      fi
      args+=("$arg") ;;
  esac
  previous="$arg"
done
if [[ "$previous" =~ ^(-v|--verbosity)$ ]]; then
  echo "ERROR: $previous needs a value; use quiet, minimal, normal, verbose or diagnostic (e.g. --verbosity=diagnostic)"
  exit 1
fi
set -- ${args[@]+"${args[@]}"}

# Cake caches one compiled build.cake per kind of run (a run, a dry run, --tree, --description each have their own
# script host): the first run of a kind after a (re)build compiles it, under the lock, with a quiet Help run.
host=BuildScriptHost; host_switch=()
for arg in "$@"; do
  [[ "${arg,,}" == *=false ]] && continue
  case "${arg%%=*}" in
    --dryrun|--noop|--whatif) host=DryRunScriptHost; host_switch=(--dryrun) ;;
    --tree) host=TreeScriptHost; host_switch=(--tree) ;;
    --description|--descriptions|--showdescription|--showdescriptions) host=DescriptionScriptHost; host_switch=(--description) ;;
  esac
done
compiled() {
  local dll
  for dll in "$CAKE_PATHS_CACHE"/build."$host".*.dll; do [[ -f "$dll" && "$dll" -nt build/build.cake ]] && return 0; done
  return 1
}
if [ -f "$cake_dll" ] && [ "${CAKE_SETTINGS_ENABLESCRIPTCACHE,,}" = true ] && ! compiled; then
  lock
  if ! compiled; then
    dotnet "$cake_dll" build/build.cake ${host_switch[@]+"${host_switch[@]}"} --target=Help --verbosity=quiet >/dev/null 2>&1 || true
  fi
  unlock
fi
if [ -f "$cake_dll" ]; then
  exec dotnet "$cake_dll" build/build.cake "$@"
fi
exec dotnet cake build/build.cake "$@"
