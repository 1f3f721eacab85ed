using MlNode.Simulator.State;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>
/// Observability for a standalone simulator, under a path the MLNode API never uses (<c>/_sim/</c>): what
/// clients sent, and the ground truth (true replica rates) a throughput measurement can be checked against.
/// </summary>
internal static class SimRoutes
{
    public static void Map(IEndpointRouteBuilder app, RequestJournal journal, PowEngine engine, SimulatorOptions options)
    {
        app.MapGet("/_sim/requests", () => Json.Ok(new JArray(journal.Requests.Where(r => !r.Path.StartsWith("/_sim/", StringComparison.Ordinal)).Select(r => new JObject
        {
            ["sequence"] = r.Sequence,
            ["at"] = r.At.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = r.Method,
            ["path"] = r.Path,
            ["status"] = r.StatusCode,
            ["headers"] = JObject.FromObject(r.Headers),
            ["body"] = r.Body,
        }))));

        app.MapDelete("/_sim/requests", () =>
        {
            journal.Clear();
            return Json.Ok(new JObject { ["status"] = "cleared" });
        });

        app.MapGet("/_sim/truth", () =>
        {
            var truth = engine.Truth();
            return Json.Ok(new JObject
            {
                ["replicas"] = new JArray(truth.Select(b => new JObject { ["port"] = b.Port, ["true_rate"] = b.TrueRate, ["total_processed"] = b.TotalProcessed, ["status"] = b.Status })),
                ["true_system_rate"] = truth.Sum(b => b.TrueRate),
            });
        });

        app.MapGet("/_sim/options", () => Json.Ok(new JObject
        {
            ["gpus"] = options.Gpus,
            ["download_seconds"] = options.DownloadSeconds,
            ["deploy_seconds"] = options.DeploySeconds,
            ["rate"] = options.Rate,
            ["node_batch_size"] = options.NodeBatchSize,
            ["faults"] = new JArray(options.Faults.Select(f => f.ToString())),
        }));
    }
}
