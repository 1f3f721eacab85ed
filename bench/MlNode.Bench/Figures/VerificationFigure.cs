using MlNode.Simulator;
using MlNode.Tasks.Configuration;

namespace MlNode.Bench.Figures;

/// <summary>
/// F10: what checking the node's verdict against its own vectors costs. The validate phase in-process against a node
/// that computes 400 nonces/s (validation and generation alike, as on a GPU both recompute the nonces), with
/// --verify-vectors=auto and off, for references of 32 and 1,000 vectors: the median of five runs each.
/// </summary>
public sealed class VerificationFigure : Figure
{
    private const double ComputeRate = 400;

    public override int Number => 10;

    public override string Title => "verified verdicts";

    public override async Task RunAsync()
    {
        using var lab = new Lab();
        await using var node = await Lab.NodeAsync(new SimulatorOptions { Running = Lab.Model, RunningTp = 4, ComputeRate = ComputeRate, JournalBodyLimit = 4096 });
        string result = string.Empty;
        bool? met = true;
        foreach (var count in new[] { 32, 1_000 })
        {
            var reference = await lab.BakeAsync(node.BaseUrl, count, $"ref{count}.json", verify: false);
            var medians = new Dictionary<string, double>();
            foreach (var verify in new[] { "off", "auto" })
            {
                var seconds = new List<double>();
                for (var i = 0; i < 5; i++)
                {
                    var outcome = await lab.RunAsync(node.BaseUrl, reference, [$"verify-vectors={verify}", "skip-download=", "skip-throughput="]);
                    met &= outcome.ExitCode == 0;
                    seconds.Add(outcome.Report.Phases[Phase.Validate].ElapsedSeconds ?? double.NaN);
                }

                medians[verify] = seconds.Order().ElementAt(2);
            }

            var compute = count / ComputeRate;
            Detail($"{count,5:N0} vectors: validate phase {S(medians["off"])} unverified, {S(medians["auto"])} verified (+{S(medians["auto"] - medians["off"])}); " +
                   $"the node's own computation is {S(compute)} per call, so the check adds one more: {medians["auto"] / medians["off"]:0.00}x");
            result = $"1,000 vectors: {S(medians["off"])} -> {S(medians["auto"])} ({medians["auto"] / medians["off"]:0.00}x: the node computes the nonces twice)";
        }

        Report(result, "the check costs one more computation of the nonces, nothing more", met);
    }
}
