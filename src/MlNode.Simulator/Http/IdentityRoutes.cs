using MlNode.Simulator.State;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>
/// Who the node is (mlnode-api.md §8): <c>GET /api/v1/state</c> and <c>GET /api/v1/versions</c>, the latter only while
/// a vLLM backend is up (it is proxied from one). With <c>--mlnode-version=none</c> neither exists, as on older nodes.
/// </summary>
internal static class IdentityRoutes
{
    public static void Map(IEndpointRouteBuilder app, VllmServer vllm, PowEngine pow, SimulatorOptions options)
    {
        if (options.MlNodeVersion is null)
        {
            return;
        }

        app.MapGet("/api/v1/state", () =>
        {
            var running = vllm.Status().IsRunning;
            var state = running && pow.Status().Aggregate is "GENERATING" or "VALIDATING" ? "POW" : running ? "INFERENCE" : "STOPPED";
            return Json.Ok(new JObject
            {
                ["state"] = state,
                ["version"] = options.MlNodeVersion,
                ["poc_validation_inference"] = true,
                ["loaded_model"] = vllm.ServedModel,
            });
        });

        app.MapGet("/api/v1/versions", () => vllm.Status().IsRunning
            ? Json.Ok(new JObject
            {
                ["version"] = options.MlNodeVersion,
                ["vllm_version"] = options.VllmVersion,
                ["gonka_poc_version"] = options.ReportedPocVersion,
                ["poc_validation_inference"] = true,
            })
            : Json.Detail(StatusCodes.Status503ServiceUnavailable, "no healthy vLLM backend to ask for versions"));
    }
}
