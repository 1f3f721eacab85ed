using MlNode.Simulator.Http;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Fleet;

/// <summary>
/// The Admin API reads a fleet validation makes, in the Network Node's shapes (decentralized-api's node_handlers.go
/// and timing_calculator.go), with some of the fields a real reply carries beyond them; the launch plan as
/// mlnode-api.md §7 describes it (governance args merged with the node's own).
/// </summary>
internal static class AdminRoutes
{
    // The Network Node treats the last 10 minutes before a PoC as "should be online".
    private const double OnlineLeadSeconds = 600;
    private const double BlockSeconds = 6;
    private static readonly string[] PocPhases = ["PoCGenerate", "PoCGenerateWindDown", "PoCValidate", "PoCValidateWindDown"];

    public static void Map(IEndpointRouteBuilder app, FleetOptions options, IReadOnlyList<MlNodeSimulator> nodes, TimeProvider time)
    {
        var started = time.GetUtcNow();
        app.MapGet("/admin/v1/nodes", () => Json.Ok(new JArray(nodes.Select((node, index) => Entry(options, node, index + 1)))));
        app.MapGet("/admin/v1/nodes/{id}/launch-plan", (string id) => LaunchPlan(options, nodes.Count, id));
        app.MapGet("/admin/v1/poc/timing", () =>
        {
            if (options.PocIn is not { } pocIn)
            {
                return Json.Ok(new JObject { ["available"] = false });
            }

            var seconds = (long)Math.Max(0, pocIn - (time.GetUtcNow() - started).TotalSeconds);
            return Json.Ok(new JObject
            {
                ["available"] = true,
                ["timing"] = new JObject
                {
                    ["current_phase"] = options.PocPhase,
                    ["blocks_until_next_poc"] = (long)(seconds / BlockSeconds),
                    ["seconds_until_next_poc"] = seconds,
                    ["should_be_online"] = PocPhases.Contains(options.PocPhase) || seconds <= OnlineLeadSeconds,
                },
            });
        });
    }

    private static IResult LaunchPlan(FleetOptions options, int count, string id)
    {
        var known = Enumerable.Range(1, count).Any(n => $"node{n}" == id);
        if (options.LaunchPlan == "absent" || !known)
        {
            return Json.Detail(StatusCodes.Status404NotFound, options.LaunchPlan == "absent" ? "404 page not found" : $"node '{id}' not found");
        }

        if (options.LaunchPlan == "unavailable")
        {
            return Json.Detail(StatusCodes.Status502BadGateway, "failed to query governance models: rpc error: code = Unavailable");
        }

        var excluded = options.SkippedModels.Concat(options.UnsupportedModels).ToHashSet(StringComparer.Ordinal);
        return Json.Ok(new JObject
        {
            ["node_id"] = id,
            ["plans"] = new JArray(options.Models.Where(m => !excluded.Contains(m)).Select(m => new JObject
            {
                ["model_id"] = m,
                ["args"] = new JArray(options.ModelArgs.Concat(options.GovernanceArgs)),
            })),
            ["skipped_models"] = new JArray(options.SkippedModels.Where(options.Models.Contains)),
            ["unsupported_models"] = new JArray(options.UnsupportedModels.Where(options.Models.Contains)),
        });
    }

    private static JObject Entry(FleetOptions options, MlNodeSimulator node, int number)
    {
        var port = new Uri(node.BaseUrl).Port;
        var inUse = options.InUse.Contains(number);
        var models = new JObject(options.Models.Select(m => new JProperty(m, new JObject { ["args"] = new JArray(options.ModelArgs) })));
        return new JObject
        {
            ["node"] = new JObject
            {
                ["host"] = new Uri(node.BaseUrl).Host,
                ["inference_segment"] = string.Empty,
                ["inference_port"] = port,
                ["poc_segment"] = string.Empty,
                ["poc_port"] = port,
                ["models"] = models,
                ["id"] = $"node{number}",
                ["max_concurrent"] = 500,
                ["hardware"] = new JArray(new JObject { ["type"] = node.Options.Hardware?.Name ?? "Simulated GPU", ["count"] = node.Options.Gpus }),
            },
            ["state"] = new JObject
            {
                ["intended_status"] = inUse ? "INFERENCE" : "STOPPED",
                ["current_status"] = inUse ? "INFERENCE" : "STOPPED",
                ["poc_current_status"] = "IDLE",
                ["poc_intended_status"] = "IDLE",
                ["lock_count"] = inUse ? 2 : 0,
                ["failure_reason"] = string.Empty,
                ["status_timestamp"] = DateTimeOffset.UnixEpoch.ToString("o", System.Globalization.CultureInfo.InvariantCulture),
                ["admin_state"] = new JObject { ["enabled"] = inUse, ["epoch"] = 41 },
                ["epoch_models"] = inUse ? new JObject(options.Models.Select(m => new JProperty(m, new JObject { ["id"] = m }))) : new JObject(),
                ["epoch_ml_nodes"] = inUse ? new JObject(options.Models.Select(m => new JProperty(m, new JObject { ["node_id"] = $"node{number}", ["poc_weight"] = 100 }))) : new JObject(),
                ["preserved_models"] = null,
            },
            ["onboarding"] = new JObject { ["participant_state"] = "ACTIVE_PARTICIPATING", ["mlnode_state"] = inUse ? "SERVING" : "WAITING_FOR_POC" },
        };
    }
}
