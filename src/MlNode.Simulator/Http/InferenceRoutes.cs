using MlNode.Simulator.State;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>The vLLM lifecycle routes (mlnode-api.md §2).</summary>
internal static class InferenceRoutes
{
    private static readonly string[] Dtypes = ["auto", "float16", "bfloat16", "fp8", "half", "float32"];

    public static void Map(IEndpointRouteBuilder app, VllmServer vllm, TimeProvider time)
    {
        app.MapPost("/api/v1/inference/up/async", async (HttpRequest request) =>
        {
            var (start, error) = await ReadStartAsync(request).ConfigureAwait(false);
            return error ?? Start(vllm, start!.Value);
        });

        app.MapPost("/api/v1/inference/up", async (HttpRequest request) =>
        {
            var (start, error) = await ReadStartAsync(request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var started = Start(vllm, start!.Value);
            while (vllm.Status() is { IsStarting: true })
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), time, request.HttpContext.RequestAborted).ConfigureAwait(false);
            }

            var status = vllm.Status();
            return status.IsRunning ? Json.Ok(new JObject { ["status"] = "OK", ["message"] = "vLLM is running" })
                : status.Status == "failed" ? Json.Detail(StatusCodes.Status500InternalServerError, $"vLLM startup failed: {status.Error}")
                : started;
        });

        app.MapGet("/api/v1/inference/up/status", () =>
        {
            var s = vllm.Status();
            return Json.Ok(new JObject
            {
                ["is_running"] = s.IsRunning,
                ["is_starting"] = s.IsStarting,
                ["status"] = s.Status,
                ["elapsed_seconds"] = s.Elapsed,
                ["error"] = s.Error,
                ["model"] = s.Model,
                ["additional_args"] = s.Model is null ? null : new JArray(s.Args),
            });
        });

        app.MapPost("/api/v1/inference/down", () => Json.Ok(new JObject
        {
            ["status"] = "OK",
            ["message"] = vllm.Stop() ? "vLLM stopped" : "vLLM was not running",
        }));
    }

    private static IResult Start(VllmServer vllm, (string Model, string Dtype, IReadOnlyList<string> Args) start) =>
        vllm.Start(start.Model, start.Dtype, start.Args) switch
        {
            VllmServer.StartResult.AlreadyRunning => Json.Detail(StatusCodes.Status409Conflict, "VLLM is already running. Stop it first with /api/v1/inference/down"),
            VllmServer.StartResult.AlreadyStarting => Json.Detail(StatusCodes.Status409Conflict, "VLLM startup is already in progress. Check /api/v1/inference/up/status"),
            _ => Json.Ok(new JObject { ["status"] = "starting", ["message"] = "vLLM startup initiated; poll /api/v1/inference/up/status" }),
        };

    private static async Task<((string, string, IReadOnlyList<string>)? Start, IResult? Error)> ReadStartAsync(HttpRequest request)
    {
        var reader = BodyReader.Parse(await Routes.ReadAsync(request).ConfigureAwait(false), out var parseError);
        if (reader is null)
        {
            return (null, parseError);
        }

        var body = reader.Body;
        var model = reader.String(body, ["body"], "model");
        var dtype = reader.String(body, ["body"], "dtype", required: false, fallback: "auto");
        if (dtype is not null && !Dtypes.Contains(dtype, StringComparer.Ordinal))
        {
            reader.Invalid(["body", "dtype"], $"Input should be one of {string.Join(", ", Dtypes)}", body["dtype"]);
        }

        var args = new List<string>();
        if (reader.Array(body, ["body"], "additional_args", required: false) is { } list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Type != JTokenType.String)
                {
                    reader.Invalid(["body", "additional_args", i.ToString(System.Globalization.CultureInfo.InvariantCulture)], "Input should be a valid string", list[i]);
                    continue;
                }

                args.Add(list[i].Value<string>()!);
            }
        }

        return reader.HasErrors ? (null, reader.Problems()) : ((model!, dtype ?? "auto", args), null);
    }
}
