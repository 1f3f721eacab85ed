using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using MlNode.Simulator.State;
using MlNode.Tasks.PoC;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>The PoC v2 routes (mlnode-api.md §3).</summary>
internal static partial class PowRoutes
{
    // A proxy that lies about generating replicas (the misreported-throughput fault); the ground truth is unchanged.
    private static PowEngine.BackendView Misreported(PowEngine.BackendView b, Faults.Fault? fault) => fault is null || b.Status != "GENERATING" ? b : fault.Argument switch
    {
        "counters-x1000" => b with { TotalProcessed = b.TotalProcessed * 1000 },
        "nan-rate" => b with { ReportedRate = double.NaN },
        _ => b with { ReportedRate = -b.ReportedRate },
    };

    // A backend that failed to answer shows only its port, status and why (mlnode-api.md §3).
    private static JObject StatusEntry(PowEngine.BackendView b) => b.Detail is { } detail
        ? new JObject { ["port"] = b.Port, ["status"] = b.Status, ["detail"] = detail }
        : new JObject
        {
            ["port"] = b.Port,
            ["status"] = b.Status,
            ["group_id"] = b.GroupId,
            ["n_groups"] = b.NGroups,
            ["stats"] = new JObject
            {
                ["nonces_per_second"] = b.ReportedRate,
                ["total_processed"] = b.TotalProcessed,
            },
        };

    private static readonly string[] ParamsKeys = ["model", "seq_len", "k_dim"];

    public static void Map(IEndpointRouteBuilder app, PowEngine engine, SimulatorOptions options, TimeProvider time)
    {
        var jobs = new ConcurrentDictionary<string, Task<JObject>>(StringComparer.Ordinal);

        app.MapPost("/api/v1/inference/pow/init/generate", async (HttpRequest request) =>
        {
            var reader = BodyReader.Parse(await Routes.ReadAsync(request).ConfigureAwait(false), out var parseError);
            if (reader is null)
            {
                return parseError!;
            }

            _ = ReadShared(reader);
            // A current proxy forwards no batch_size when none is given: the backend's POC_BATCH_SIZE_DEFAULT decides.
            var batch = reader.Integer(reader.Body, ["body"], "batch_size", required: false, fallback: options.NodeBatchSize);
            _ = reader.String(reader.Body, ["body"], "url", required: false);
            if (batch is < 1)
            {
                reader.Invalid(["body", "batch_size"], "Input should be greater than 0", reader.Body["batch_size"]);
            }

            if (reader.HasErrors)
            {
                return reader.Problems();
            }

            var started = engine.InitGenerate((int)batch!.Value);
            if (started is null)
            {
                return Json.Detail(StatusCodes.Status503ServiceUnavailable, "No vLLM backends available");
            }

            return Json.Ok(new JObject
            {
                ["status"] = "OK",
                ["backends"] = started.Count,
                ["n_groups"] = started.Count,
                ["results"] = new JArray(started.Select(b => new JObject { ["port"] = b.Port, ["status"] = "OK", ["group_id"] = b.GroupId })),
                ["errors"] = null,
            });
        });

        app.MapGet("/api/v1/inference/pow/status", () =>
        {
            var (aggregate, backends) = engine.Status();
            return Json.Ok(new JObject
            {
                ["status"] = aggregate,
                ["backends"] = new JArray(backends.Select(b => StatusEntry(Misreported(b, options.Find(Faults.FaultKind.MisreportedThroughput))))),
            });
        });

        app.MapPost("/api/v1/inference/pow/stop", () =>
        {
            if (!engine.HasBackends)
            {
                return Json.Ok(new JObject { ["status"] = "OK", ["message"] = "No backends to stop" });
            }

            var ports = engine.Stop();
            return Json.Ok(new JObject
            {
                ["status"] = "OK",
                ["results"] = new JArray(ports.Select(p => new JObject { ["port"] = p, ["status"] = "OK" })),
                ["errors"] = null,
            });
        });

        app.MapPost("/api/v1/inference/pow/generate", async (HttpRequest request) =>
        {
            var reader = BodyReader.Parse(await Routes.ReadAsync(request).ConfigureAwait(false), out var parseError);
            if (reader is null)
            {
                return parseError!;
            }

            var job = ReadGenerate(reader);
            if (reader.HasErrors || job is null)
            {
                return reader.Problems();
            }

            var port = engine.NextBackend();
            if (port is null)
            {
                return Json.Detail(StatusCodes.Status503ServiceUnavailable, "No vLLM backends available");
            }

            var requestId = $"{port}:{Guid.NewGuid()}";
            if (!job.Wait)
            {
                jobs[requestId] = Task.Run(() => ComputeAsync(engine, options, time, job, requestId, CancellationToken.None));
                return Json.Ok(new JObject { ["status"] = "queued", ["request_id"] = requestId });
            }

            return Json.Ok(await ComputeAsync(engine, options, time, job, requestId, request.HttpContext.RequestAborted).ConfigureAwait(false));
        });

        app.MapGet("/api/v1/inference/pow/generate/{requestId}", (string requestId) =>
        {
            if (!RequestId().IsMatch(requestId))
            {
                return Json.Detail(StatusCodes.Status400BadRequest, $"Malformed request_id '{requestId}': expected '<port>:<uuid>'");
            }

            if (!jobs.TryGetValue(requestId, out var task))
            {
                return Json.Detail(StatusCodes.Status404NotFound, $"Unknown request_id '{requestId}'");
            }

            return task.IsCompletedSuccessfully
                ? Json.Ok(task.Result)
                : Json.Ok(new JObject { ["status"] = "running", ["request_id"] = requestId });
        });
    }

    private static async Task<JObject> ComputeAsync(PowEngine engine, SimulatorOptions options, TimeProvider time, GenerateJob job, string requestId, CancellationToken cancellationToken)
    {
        var count = job.Validation?.Count ?? job.Nonces.Count;
        if (options.ComputeRate > 0 && count > 0)
        {
            await Task.Delay(TimeSpan.FromSeconds(count / options.ComputeRate), time, cancellationToken).ConfigureAwait(false);
        }

        JObject result;
        if (job.Validation is { } received)
        {
            result = engine.Validate(job.Inputs, received, job.BatchSize, job.StatTest);
        }
        else
        {
            result = new JObject
            {
                ["status"] = "completed",
                ["artifacts"] = new JArray(job.Nonces.Select(n => new JObject
                {
                    ["nonce"] = n,
                    ["vector_b64"] = VectorOracle.Encode(engine.Compute(job.Inputs, n, job.BatchSize)),
                })),
                ["encoding"] = new JObject { ["dtype"] = "f16", ["k_dim"] = job.Inputs.KDim, ["endian"] = "le" },
            };
        }

        result["request_id"] = requestId;
        return result;
    }

    private static VectorInputs? ReadShared(BodyReader reader)
    {
        var body = reader.Body;
        var blockHash = reader.String(body, ["body"], "block_hash");
        _ = reader.Integer(body, ["body"], "block_height");
        var publicKey = reader.String(body, ["body"], "public_key");
        var nodeId = reader.Integer(body, ["body"], "node_id");
        var nodeCount = reader.Integer(body, ["body"], "node_count");
        if (nodeId is not null && nodeCount is not null && (nodeCount < 1 || nodeId < 0 || nodeId >= nodeCount))
        {
            reader.Invalid(["body", "node_id"], "node_id must be in [0, node_count)", body["node_id"]);
        }

        var parameters = reader.Object(body, ["body"], "params");
        if (parameters is null)
        {
            return null;
        }

        reader.ForbidExtra(parameters, ["body", "params"], ParamsKeys);
        var model = reader.String(parameters, ["body", "params"], "model");
        var seqLen = reader.Integer(parameters, ["body", "params"], "seq_len");
        var kDim = reader.Integer(parameters, ["body", "params"], "k_dim", required: false, fallback: 12);
        if (seqLen is < 1)
        {
            reader.Invalid(["body", "params", "seq_len"], "Input should be greater than 0", parameters["seq_len"]);
        }

        if (kDim is < 1 or > 4096)
        {
            reader.Invalid(["body", "params", "k_dim"], "Input should be between 1 and 4096", parameters["k_dim"]);
        }

        return reader.HasErrors || blockHash is null || publicKey is null || model is null || seqLen is null || kDim is null
            ? null
            : new VectorInputs(model, (int)seqLen.Value, (int)kDim.Value, blockHash, publicKey);
    }

    private static GenerateJob? ReadGenerate(BodyReader reader)
    {
        var body = reader.Body;
        var inputs = ReadShared(reader);
        var nonces = new List<long>();
        if (reader.Array(body, ["body"], "nonces") is { } list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Type == JTokenType.Integer)
                {
                    nonces.Add(list[i].Value<long>());
                }
                else
                {
                    reader.Invalid(["body", "nonces", i.ToString(CultureInfo.InvariantCulture)], "Input should be a valid integer", list[i]);
                }
            }
        }

        var batch = reader.Integer(body, ["body"], "batch_size", required: false);
        if (batch is < 1)
        {
            reader.Invalid(["body", "batch_size"], "Input should be greater than 0", body["batch_size"]);
        }

        var wait = reader.Bool(body, ["body"], "wait", required: false, fallback: false);
        _ = reader.String(body, ["body"], "url", required: false);
        List<(long, string?)>? validation = null;
        if (reader.Object(body, ["body"], "validation", required: false) is { } block && reader.Array(block, ["body", "validation"], "artifacts") is { } artifacts)
        {
            validation = [];
            for (var i = 0; i < artifacts.Count; i++)
            {
                var where = new[] { "body", "validation", "artifacts", i.ToString(CultureInfo.InvariantCulture) };
                if (artifacts[i] is not JObject item)
                {
                    reader.Invalid(where, "Input should be a valid dictionary", artifacts[i]);
                    continue;
                }

                var nonce = reader.Integer(item, where, "nonce");
                var vector = reader.String(item, where, "vector_b64");
                if (nonce is not null)
                {
                    validation.Add((nonce.Value, vector));
                }
            }
        }

        var defaults = StatTestParameters.ServerDefaults;
        var statTest = defaults;
        if (reader.Object(body, ["body"], "stat_test", required: false) is { } test)
        {
            statTest = new StatTestParameters(
                reader.Number(test, ["body", "stat_test"], "dist_threshold", required: false, fallback: defaults.DistThreshold)!.Value,
                reader.Number(test, ["body", "stat_test"], "p_mismatch", required: false, fallback: defaults.PMismatch)!.Value,
                reader.Number(test, ["body", "stat_test"], "fraud_threshold", required: false, fallback: defaults.FraudThreshold)!.Value);
            if (statTest.PMismatch is < 0 or > 1)
            {
                reader.Invalid(["body", "stat_test", "p_mismatch"], "Input should be between 0 and 1", test["p_mismatch"]);
            }
        }

        return reader.HasErrors || inputs is null ? null : new GenerateJob(inputs, nonces, batch is null ? null : (int)batch.Value, wait ?? false, validation, statTest);
    }

    [GeneratedRegex("^[0-9]{1,5}:[0-9a-fA-F-]{32,36}$")]
    private static partial Regex RequestId();

    private sealed record GenerateJob(VectorInputs Inputs, IReadOnlyList<long> Nonces, int? BatchSize, bool Wait, IReadOnlyList<(long Nonce, string? Vector)>? Validation, StatTestParameters StatTest);
}
