using System.Globalization;
using System.Text;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Documents;

namespace MlNode.Tasks.Gates;

/// <summary>
/// Two runs side by side (verdict, stat test, deploy args, throughput total and per replica, phase durations) and
/// what differs between them: what a user reviewing a regression needs, from the reports alone, no node contacted.
/// </summary>
internal static class RunComparison
{
    /// <summary>Renders the comparison.</summary>
    public static string Render(BaselineRun from, BaselineRun to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var a = from.Report;
        var b = to.Report;
        var rows = new List<(string Name, string A, string B, string Difference)>
        {
            ("node", a.MlnodeUrl, b.MlnodeUrl, Same(a.MlnodeUrl, b.MlnodeUrl)),
            ("model", a.Model, b.Model, Same(a.Model, b.Model)),
            ("started", a.StartedAt, b.StartedAt, string.Empty),
            ("node software", a.Node?.Line ?? "not recorded", b.Node?.Line ?? "not recorded", a.Node is null || b.Node is null ? string.Empty : Same(a.Node.Short, b.Node.Short)),
            ("verdict", a.Verdict, b.Verdict, Same(a.Verdict, b.Verdict)),
            ("exit code", Text(a.ExitCode), Text(b.ExitCode), Same(Text(a.ExitCode), Text(b.ExitCode))),
            ("gate", a.Gate ?? "none asked", b.Gate ?? "none asked", a.Gate is null && b.Gate is null ? string.Empty : Same(a.Gate ?? string.Empty, b.Gate ?? string.Empty)),
            ("stat test", StatTest(a), StatTest(b), Same(StatTest(a), StatTest(b))),
            ("deploy", Deploy(a), Deploy(b), Same(Deploy(a), Deploy(b))),
            ("n_mismatch", Mismatches(a), Mismatches(b), Same(Mismatches(a), Mismatches(b))),
            ("throughput (reported)", Rate(a.Throughput?.Summary?.AvgSumNoncesPerSecond), Rate(b.Throughput?.Summary?.AvgSumNoncesPerSecond),
                Change(a.Throughput?.Summary?.AvgSumNoncesPerSecond, b.Throughput?.Summary?.AvgSumNoncesPerSecond)),
            ("throughput (counters)", Rate(a.Throughput?.Summary?.CounterNoncesPerSecond), Rate(b.Throughput?.Summary?.CounterNoncesPerSecond),
                Change(a.Throughput?.Summary?.CounterNoncesPerSecond, b.Throughput?.Summary?.CounterNoncesPerSecond)),
        };
        var replicasA = Replicas(a);
        var replicasB = Replicas(b);
        foreach (var port in replicasA.Keys.Union(replicasB.Keys).Order())
        {
            double? ra = replicasA.TryGetValue(port, out var x) ? x : null;
            double? rb = replicasB.TryGetValue(port, out var y) ? y : null;
            rows.Add(($"  replica {port}", Rate(ra), Rate(rb), Change(ra, rb)));
        }

        foreach (var phase in a.Phases.Keys.Union(b.Phases.Keys))
        {
            var pa = a.Phases.GetValueOrDefault(phase);
            var pb = b.Phases.GetValueOrDefault(phase);
            rows.Add(($"{phase} phase", Phase(pa), Phase(pb), Change(pa?.ElapsedS, pb?.ElapsedS, PhaseNoise)));
        }

        var width = rows.Max(r => r.Name.Length) + 2;
        var column = Math.Min(48, rows.Max(r => Math.Max(r.A.Length, r.B.Length)) + 2);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"from: {from.Path}");
        text.AppendLine(CultureInfo.InvariantCulture, $"to:   {to.Path}");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{string.Empty.PadRight(width)}{"from".PadRight(column)}{"to".PadRight(column)}difference");
        foreach (var (name, va, vb, difference) in rows)
        {
            text.AppendLine($"{name.PadRight(width)}{Cut(va, column - 2).PadRight(column)}{Cut(vb, column - 2).PadRight(column)}{difference}".TrimEnd());
        }

        var differences = rows.Where(r => r.Difference.Length > 0 && r.Difference is not ("same" or Within) && r.Name != "started").Select(r => $"{r.Name.Trim()}: {r.Difference}").ToList();
        text.AppendLine();
        text.AppendLine(differences.Count == 0 ? "differences: none" : "differences: " + string.Join("; ", differences));
        text.AppendLine(CultureInfo.InvariantCulture, $"(a rate within ±{RateNoise:0}% and a phase time within {PhaseNoise:0.#} s of the other run is '{Within}': " +
            $"measurement noise, not a difference)");
        return text.ToString();
    }

    private static string Same(string a, string b) => a == b ? "same" : "differs";

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    private static string StatTest(ValidateReport r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.StatTest.Values.DistThreshold}/{r.StatTest.Values.PMismatch}/{r.StatTest.Values.FraudThreshold}");

    private static string Deploy(ValidateReport r) => $"{r.DeployConfig.Dtype} {string.Join(' ', r.DeployConfig.AdditionalArgs)}";

    private static string Mismatches(ValidateReport r) =>
        r.Validation?.Response?["n_mismatch"] is { } n ? $"{n}/{r.Validation.Response["n_total"]}" : "-";

    private static string Rate(double? rate) => rate is { } r ? string.Create(CultureInfo.InvariantCulture, $"{r:0.00} n/s") : "-";

    // Below these, two runs of the same node differ by noise alone (a 1-second sampling grid, a few percent of rate
    // noise): a row says "within noise" rather than a percentage that reads like a finding (+104.7 % of 0.02 s).
    private const double RateNoise = 2;
    private const double PhaseNoise = 1;
    private const string Within = "within noise";

    private static string Change(double? a, double? b, double absoluteNoise = 0)
    {
        if (a is not { } x || b is not { } y || x == 0)
        {
            return string.Empty;
        }

        var percent = (y - x) / x * 100;
        return Math.Abs(y - x) <= absoluteNoise || Math.Abs(percent) < RateNoise
            ? Within
            : string.Create(CultureInfo.InvariantCulture, $"{percent:+0.0;-0.0}%");
    }

    private static string Phase(PhaseEntry? entry) =>
        entry is null ? "-" : entry.ElapsedS is { } s ? string.Create(CultureInfo.InvariantCulture, $"{entry.State} {s:0.0}s") : entry.State + (entry.Reason is null
            ? string.Empty : $" ({entry.Reason})");

    private static Dictionary<string, double> Replicas(ValidateReport r) =>
        (r.Throughput?.Summary?.PerBackend ?? []).Select((b, i) => (Key: b.Port?.ToString(CultureInfo.InvariantCulture) ?? $"#{i}", Rate: b.CounterNoncesPerSecond ?? b.AvgReportedNoncesPerSecond))
            .ToDictionary(p => p.Key, p => p.Rate);

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
