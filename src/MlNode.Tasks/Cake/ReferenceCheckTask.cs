using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.References;

namespace MlNode.Tasks.Cake;

/// <summary>CheckReferences: validates every reference in the search path and prints a table; any bad file is exit 1.</summary>
internal static class ReferenceCheckTask
{
    public static void Run(SettingsSources sources, IRunLog log)
    {
        var catalog = RunSettingsResolver.ResolveCatalog(sources, new SettingReader(sources));
        var checks = ReferenceChecker.Check(catalog);
        log.Line($"references search path: {string.Join("; ", catalog.Directories.Select(d => ReferenceCatalog.Relative(d, sources.RepositoryRoot)))}");
        log.Lines(ReferenceChecker.Render(checks, sources.RepositoryRoot));
        var bad = checks.Count(c => !c.Ok);
        if (checks.Count == 0)
        {
            throw new InputException("no reference files found in the references search path; check --references-path");
        }

        if (bad > 0)
        {
            throw new InputException($"{bad} of {checks.Count} reference files are invalid (listed above); fix or re-bake them");
        }

        log.Line($"all {checks.Count} reference files are valid");
    }
}
