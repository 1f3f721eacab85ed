#!/usr/bin/env pwsh
# Bootstrapper for the MlNode.Tasks Cake task graph (Windows, or PowerShell anywhere). Needs only the .NET SDK.
#   ./build.ps1                     help: tasks and arguments
#   ./build.ps1 --target=Demo       the whole pipeline against the embedded MLNode simulator
#   ./build.ps1 --target=Test       the test suite
# Same steps as build.sh: restore the Cake runner if missing, build only when sources changed, apply cake.config.
$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_NOLOGO = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
# dotnet cake runs in build/; relative paths the caller types mean the caller's folder.
$env:MLNODE_TASKS_WORKDIR = (Get-Location).Path

# Export the top-level cake.config's Cake sections as CAKE_<SECTION>_<KEY> unless already set ([MlNode] is read by the library).
$section = ''
foreach ($raw in Get-Content (Join-Path $root 'cake.config')) {
    $line = $raw.Trim()
    if ($line -eq '' -or $line.StartsWith(';') -or $line.StartsWith('#')) { continue }
    if ($line.StartsWith('[') -and $line.EndsWith(']')) { $section = $line.Substring(1, $line.Length - 2).Trim(); continue }
    if ($section -ieq 'MlNode') { continue }
    $eq = $line.IndexOf('=')
    if ($eq -le 0) { continue }
    $name = ('CAKE_' + $section + '_' + $line.Substring(0, $eq).Trim()).ToUpperInvariant()
    if (-not (Test-Path "env:$name")) { Set-Item "env:$name" $line.Substring($eq + 1).Trim() }
}
if (-not $env:CAKE_PATHS_CACHE) { $env:CAKE_PATHS_CACHE = Join-Path $root 'artifacts/cake/cache' }
if (-not $env:CAKE_PATHS_TOOLS) { $env:CAKE_PATHS_TOOLS = Join-Path $root 'artifacts/cake/tools' }

# `pwsh -File` (also how a shebang start runs this script) splits an argument that starts with '-' and holds a ':'
# at its first colon and drops the colon (PowerShell/PowerShell#16432): --mlnode-url=http://host:8080 arrives as
# '--mlnode-url=http' and '//host:8080'. Every argument of the task graph is --name[=value] and none is positional,
# so a value-less word after a --name=value argument can only be the cut-off rest of it: glue it back.
$cakeArgs = [System.Collections.Generic.List[string]]::new()
foreach ($arg in $args) {
    $text = [string]$arg
    $last = $cakeArgs.Count - 1
    if ($last -ge 0 -and -not $text.StartsWith('-') -and $cakeArgs[$last].StartsWith('-') -and $cakeArgs[$last].Contains('=')) {
        $cakeArgs[$last] = $cakeArgs[$last] + ':' + $text
    }
    elseif ($text -in '--help', '-h', '-?') {
        # Cake answers --help itself with its runner's usage; whoever types it here wants the task pack's help.
        $cakeArgs.Add('--usage')
    }
    else {
        $cakeArgs.Add($text)
    }
}

# Cake's own parser rejects some arguments with exit 255 and a caret diagram before the task pack could say what is
# wrong (an empty value, a stray word, a one-dash word, a name Cake cannot parse such as --=x, --x, '--a b=1' or a lone
# --, a switch given a value, an unknown verbosity): those get the
# task pack's one-line ERROR and exit 1 here. Only an empty value is refused: a value may itself end in '='
# (base64, a URL's query). Nothing printed here may carry a secret: a URL's user:password is masked.
# Everything from the scheme to the last '@' is masked: a password may itself hold a raw '@' or '/'.
function Hide([string]$text) { $text -replace '^(.*?://).*@', '$1***@' }
$verbosities = '^(quiet|minimal|normal|verbose|diagnostic|q|m|n|v|d)$'
$switches = '^(exclusive|e|dryrun|noop|whatif|tree|description|descriptions|showdescription|showdescriptions|info|version|ver|debug|d|bootstrap|skip-bootstrap)$'
function Fail([string]$message) { Write-Output "ERROR: $message"; exit 1 }
for ($i = 0; $i -lt $cakeArgs.Count; $i++) {
    $text = $cakeArgs[$i]
    $previous = if ($i -gt 0) { $cakeArgs[$i - 1] } else { '' }
    $name = ($text -split '=', 2)[0].TrimStart('-')
    if ($text.StartsWith('--') -and $text -ne '--help' -and ($text -split '=', 2)[0].Substring(2) -cnotmatch '^[A-Za-z][A-Za-z0-9_-]+$') {
        Fail "'$(Hide $text)' is not an argument: a name is two or more letters, digits, '-' or '_', a letter first (e.g. --target=Report); ./build.ps1 --target=Help lists them"
    }
    if ($previous -in '-v', '--verbosity') {
        if ($text -notmatch $verbosities) { Fail "$previous $(Hide $text) is not a verbosity; use quiet, minimal, normal, verbose or diagnostic (e.g. --verbosity=diagnostic)" }
        continue
    }
    if ($text -match '^--?[^=]+=') {
        $value = ($text -split '=', 2)[1]
        if ($value -eq '') { Fail "$text has an empty value; give one (e.g. $text<value>) or leave the argument out; ./build.ps1 --target=Help lists every argument" }
        if (-not $text.StartsWith('--') -and $name -notin 'v', 'd', 'e') { Fail "$(Hide $text) has one dash; arguments are --name=value (did you mean -$(Hide $text)?); ./build.ps1 --target=Help lists them" }
        if ($name -in 'v', 'verbosity' -and $value -notmatch $verbosities) { Fail "--verbosity=$(Hide $value) is not a verbosity; use quiet, minimal, normal, verbose or diagnostic" }
        if ($name -match $switches -and $value -notmatch '^(true|false)$') { Fail "--$name is a switch; give it alone (--$name) or as --$name=true or =false, not =$(Hide $value)" }
        continue
    }
    if ($text.StartsWith('--') -or $text -in '-v', '-d', '-e') { continue }
    if ($text.StartsWith('-')) { Fail "'$(Hide $text)' is not an argument; arguments are --name=value (did you mean -$(Hide $text)?); ./build.ps1 --target=Help lists them" }
    if ($i -eq 0 -or -not $previous.StartsWith('-') -or $previous.Contains('=')) {
        Fail "'$(Hide $text)' is not an argument; arguments are --name=value (e.g. --target=Report); ./build.ps1 --target=Help lists them"
    }
}
if ($cakeArgs.Count -gt 0 -and $cakeArgs[$cakeArgs.Count - 1] -in '-v', '--verbosity') {
    Fail "$($cakeArgs[$cakeArgs.Count - 1]) needs a value; use quiet, minimal, normal, verbose or diagnostic (e.g. --verbosity=diagnostic)"
}

Push-Location $root
try {
    $manifest = Get-Content (Join-Path $root 'dotnet-tools.json') -Raw | ConvertFrom-Json
    $cakeVersion = $manifest.tools.'cake.tool'.version
    $packages = if ($env:NUGET_PACKAGES) { $env:NUGET_PACKAGES } else { Join-Path $HOME '.nuget/packages' }
    $cakeDll = Join-Path $packages "cake.tool/$cakeVersion/tools/net10.0/any/Cake.dll"
    if (-not (Test-Path $cakeDll)) {
        [Console]::Error.WriteLine("build.ps1: restoring the Cake runner (cake.tool $cakeVersion)...")
        dotnet tool restore | Out-Host
        if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE }
    }

    # Runs started together in one checkout must not build the library or compile build.cake at the same time (two
    # builds collide in obj/; Cake writes its compiled script into the cache without a lock, and the other runs fail
    # with "The process cannot access the file"): both happen under one lock, checked again once held.
    $lockPath = $env:CAKE_PATHS_CACHE.TrimEnd('/', '\') + '.lock'
    function Lock {
        New-Item -ItemType Directory -Force (Split-Path $lockPath) | Out-Null
        while ($true) {
            try { return [System.IO.File]::Open($lockPath, 'OpenOrCreate', 'ReadWrite', 'None') }
            catch [System.IO.IOException] { Start-Sleep -Milliseconds 100 }
        }
    }

    $stamp = Join-Path $root 'artifacts/.build-stamp'
    function Test-Stale {
        if (-not (Test-Path $stamp)) { return $true }
        # Folders too: deleting a source file changes only its folder's time.
        $inputs = @(Get-Item (Join-Path $root 'src')) + @(Get-ChildItem -Recurse (Join-Path $root 'src')) + @(Get-Item (Join-Path $root 'Directory.Build.props'), (Join-Path $root 'Directory.Packages.props'), (Join-Path $root 'global.json'))
        $built = (Get-Item -Force $stamp).LastWriteTimeUtc # -Force: a dot file is hidden on Unix
        return [bool]($inputs | Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' -and $_.LastWriteTimeUtc -gt $built } | Select-Object -First 1)
    }
    if (Test-Stale) {
        $held = Lock
        try {
            if (Test-Stale) {
                [Console]::Error.WriteLine('build.ps1: building src/MlNode.Tasks and src/MlNode.Simulator (Release)...')
                $buildLog = dotnet build src/MlNode.Simulator/MlNode.Simulator.csproj -c Release -nologo -v quiet -tl:off 2>&1
                if ($LASTEXITCODE -ne 0) { $buildLog | Out-Host; [Console]::Error.WriteLine('build.ps1: the build failed (output above)'); exit 1 }
                if (Test-Path $env:CAKE_PATHS_CACHE) { Remove-Item -Recurse -Force $env:CAKE_PATHS_CACHE }
                New-Item -ItemType Directory -Force (Join-Path $root 'artifacts') | Out-Null
                Set-Content -Path $stamp -Value ''
            }
        }
        finally { $held.Dispose() }
    }

    # Cake caches one compiled build.cake per kind of run (a run, a dry run, --tree, --description each have their own
    # script host): the first run of a kind after a (re)build compiles it, under the lock, with a quiet Help run.
    $hostName = 'BuildScriptHost'; $hostSwitch = @()
    foreach ($text in $cakeArgs) {
        if ($text -match '=false$') { continue }
        switch -regex (($text -split '=', 2)[0]) {
            '^--(dryrun|noop|whatif)$' { $hostName = 'DryRunScriptHost'; $hostSwitch = @('--dryrun') }
            '^--tree$' { $hostName = 'TreeScriptHost'; $hostSwitch = @('--tree') }
            '^--(show)?descriptions?$' { $hostName = 'DescriptionScriptHost'; $hostSwitch = @('--description') }
        }
    }
    function Test-Compiled {
        $script = (Get-Item (Join-Path $root 'build/build.cake')).LastWriteTimeUtc
        return [bool](Get-ChildItem -ErrorAction SilentlyContinue (Join-Path $env:CAKE_PATHS_CACHE "build.$hostName.*.dll") | Where-Object { $_.LastWriteTimeUtc -gt $script })
    }
    if ((Test-Path $cakeDll) -and $env:CAKE_SETTINGS_ENABLESCRIPTCACHE -ieq 'true' -and -not (Test-Compiled)) {
        $held = Lock
        try {
            if (-not (Test-Compiled)) { dotnet $cakeDll build/build.cake @hostSwitch --target=Help --verbosity=quiet 2>&1 | Out-Null }
        }
        finally { $held.Dispose() }
    }

    # Dynamic PGO only pays off in long-lived processes; without it a run starts ~0.3 s faster (bench/RESULTS.md, F3).
    if (-not $env:DOTNET_TieredPGO) { $env:DOTNET_TieredPGO = '0' }
    # The runner `dotnet cake` starts, launched directly (signals reach Cake itself, ~0.3 s faster).
    if (Test-Path $cakeDll) { dotnet $cakeDll build/build.cake @cakeArgs } else { dotnet cake build/build.cake @cakeArgs }
    exit $LASTEXITCODE
}
finally {
    Pop-Location
}
