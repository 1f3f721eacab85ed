using System.Globalization;
using System.Text;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.References;

/// <summary>The check of one reference file.</summary>
/// <param name="Path">The file.</param>
/// <param name="Reference">The parsed reference's header, when it parsed.</param>
/// <param name="Problems">Everything wrong with it.</param>
internal sealed record ReferenceCheck(string Path, ReferenceHeader? Reference, IReadOnlyList<string> Problems)
{
    /// <summary>Gets whether the file is a valid reference.</summary>
    public bool Ok => Problems.Count == 0;
}

/// <summary>
/// CheckReferences: validates every reference in the search path with the checks every run makes (strict JSON,
/// fields, decoding, duplicate nonces, unit norm within float16 tolerance), plus what only matters across files
/// (file name matching the sanitized model id, no two files claiming a model's default name), and renders the table.
/// </summary>
internal static class ReferenceChecker
{
    /// <summary>Checks every file of the catalog.</summary>
    public static IReadOnlyList<ReferenceCheck> Check(ReferenceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var checks = new List<ReferenceCheck>();
        var defaultNames = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in catalog.Files())
        {
            var problems = new List<string>();
            var reference = ReferenceReader.TryLoad(path, problems)?.Header;
            if (reference is not null)
            {
                CheckName(path, reference, problems, defaultNames);
            }

            checks.Add(new ReferenceCheck(path, reference, problems));
        }

        return checks;
    }

    /// <summary>Renders the result table and the problems below it.</summary>
    public static string Render(IReadOnlyList<ReferenceCheck> checks, string root)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var rows = checks.Select(c => new[]
        {
            ReferenceCatalog.Relative(c.Path, root),
            c.Reference?.Model.Value ?? "?",
            c.Reference is null ? "?" : Scheme(c.Reference),
            c.Reference?.Count.ToString(CultureInfo.InvariantCulture) ?? "?",
            c.Reference?.Poc.KDim.ToString(CultureInfo.InvariantCulture) ?? "?",
            c.Reference?.Poc.SeqLen.ToString(CultureInfo.InvariantCulture) ?? "?",
            c.Reference is null ? "?" : StatTest(c.Reference),
            c.Reference is null ? "?" : $"{c.Reference.AdditionalArgs.Count} args",
            Truncate(c.Reference?.Source ?? "-", 48),
            c.Ok ? "ok" : $"BAD ({c.Problems.Count})",
        }).ToList();
        string[] header = ["file", "model", "scheme", "nonces", "k_dim", "seq_len", "stat_test", "additional_args", "source", "check"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        text.AppendLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        }

        foreach (var check in checks.Where(c => !c.Ok))
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"{ReferenceCatalog.Relative(check.Path, root)}:");
            foreach (var problem in check.Problems)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  - {problem}");
            }
        }

        return text.ToString();
    }

    // <sanitized model>.json is the model's default reference; variants add "-<variant>" or ".<variant>".
    private static void CheckName(string path, ReferenceHeader reference, List<string> problems, Dictionary<string, string> defaultNames)
    {
        var name = System.IO.Path.GetFileName(path);
        var expected = reference.Model.ReferenceFileName;
        var stem = reference.Model.Sanitized;
        if (name == expected)
        {
            if (defaultNames.TryGetValue(name, out var first))
            {
                problems.Add($"claims the default name for {reference.Model} but '{first}' earlier in the search path already does, so this file is never looked up; " +
                    $"rename it to a variant (e.g. {stem}-<variant>.json)");
            }
            else
            {
                defaultNames[name] = path;
            }
        }
        else if (!ReferenceCatalog.IsReferenceName(name, reference.Model))
        {
            problems.Add($"file name does not match its model '{reference.Model}': expected {expected} (or a variant {stem}-<variant>.json)");
        }
    }

    private static string Scheme(ReferenceHeader reference) =>
        reference.Poc.MaxTokens is { } steps ? $"{reference.Scheme.Name()} (max_tokens {steps.ToString(CultureInfo.InvariantCulture)})" : reference.Scheme.Name();

    private static string StatTest(ReferenceHeader reference)
    {
        string F(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "-";
        return reference.HasStatTestBlock
            ? $"{F(reference.DistThreshold)}/{F(reference.PMismatch)}/{F(reference.FraudThreshold)}"
            : $"{F(reference.DistThreshold)} (no block)";
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
