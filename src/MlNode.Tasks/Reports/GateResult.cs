using System.Globalization;

namespace MlNode.Tasks.Reports;

/// <summary>One gate's outcome.</summary>
/// <param name="Name">min-throughput, max-throughput-drop or max-replica-spread.</param>
/// <param name="Limit">The limit the user set (nonces/s or percent).</param>
/// <param name="Measured">What this run measured, in the same unit.</param>
/// <param name="Unit">"n/s" or "%".</param>
/// <param name="Passed">Whether the run is within the limit.</param>
/// <param name="Detail">How it was measured (which rate, which baseline).</param>
/// <param name="Baseline">The baseline's rate (nonces/s), for the drop gate.</param>
internal sealed record GateResult(string Name, double Limit, double Measured, string Unit, bool Passed, string Detail, double? Baseline = null)
{
    /// <summary>The gate as a line: "min-throughput: 80.00 n/s vs 100.00 n/s".</summary>
    public string Text => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Measured:0.00} {Unit} vs {Limit:0.00} {Unit}");
}
