using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Hosting;

namespace MlNode.Tasks.Cake;

/// <summary>Simulator: runs the MLNode simulator on a loopback port until Ctrl-C, for trying a pipeline by hand.</summary>
internal static class SimulatorTask
{
    private static readonly string[] NotForwarded = ["target", "t", ArgumentCheck.UsageArgument];

    public static async Task RunAsync(SettingsSources sources, string simulatorAssembly, IRunLog log, CancellationToken interrupt)
    {
        if (sources.Arguments.ContainsKey(ArgumentCheck.UsageArgument))
        {
            foreach (var line in EmbeddedSimulator.Help(simulatorAssembly))
            {
                log.Line(line);
            }

            return;
        }

        var arguments = sources.Arguments
            .Where(a => !NotForwarded.Contains(a.Key, StringComparer.OrdinalIgnoreCase))
            .SelectMany(a => a.Value.Select(v => v.Length == 0 ? $"--{a.Key}" : $"--{a.Key}={v}"))
            .ToList();
        // A simulated Network Node listens where a real one's Admin API does.
        var fleet = sources.Arguments.ContainsKey("fleet");
        if (!arguments.Any(a => a.StartsWith("--port", StringComparison.OrdinalIgnoreCase)))
        {
            arguments.Insert(0, fleet ? "--port=9200" : "--port=8080");
        }

        await using var simulator = EmbeddedSimulator.Start(simulatorAssembly, arguments);
        if (fleet)
        {
            log.Line($"Simulated Network Node: its Admin API on {simulator.BaseUrl} (GET /admin/v1/nodes lists its MLNodes and their ports); Ctrl-C stops it");
            log.Line($"  try: ./build.sh --target=Fleet --admin-api={simulator.BaseUrl} --references-path=<folder with a reference for its model>");
        }
        else
        {
            log.Line($"MLNode simulator listening on {simulator.BaseUrl}; observe it under /_sim/requests and /_sim/truth; Ctrl-C stops it");
            log.Line($"  try: ./build.sh --target=Report --mlnode-url={simulator.BaseUrl} --model=<org/name> --reference=<file baked from it>");
        }
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, interrupt).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            log.Line("MLNode simulator stopped");
        }
    }
}
