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

    // The plugin's params since gonka-poc 0.2.0 (decode-poc.md); a prefill-only proxy keeps the strict three.
    private static readonly string[] DecodeParamsKeys = [.. ParamsKeys, "decode", "max_tokens", "scheme"];

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

            _ = ReadShared(reader, options);
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

            var job = ReadGenerate(reader, options, out var refusal);
            if (refusal is not null)
            {
                return refusal;
            }

            if (reader.HasErrors || job is null)
            {
                return reader.Problems();
            }

            var port = engine.NextBackend();
            if (port is null)
            {
                return Json.Detail(StatusCodes.Status503ServiceUnavailable, "No vLLM backends available");
            }

            if (job.MaxTokens is not null && job.Validation is { } decoded && options.Find(Faults.FaultKind.Unscored) is { } unscored && unscored.Number(0) > Math.Max(1, decoded.Count / 10) &&
                !options.Has(Faults.FaultKind.NoAbort))
            {
                return Json.Detail(StatusCodes.Status503ServiceUnavailable, $"validation aborted: {(int)unscored.Number(0)} of {decoded.Count} nonces could not be scored");
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
        if (job.MaxTokens is { } maxTokens)
        {
            result = job.Validation is { } trajectories
                ? engine.ValidateDecode(job.Inputs, trajectories, job.StatTest)
                : DecodeGeneration(engine, options, job, maxTokens);
        }
        else if (job.Validation is { } received)
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

    // The generation reply under decode: no vectors, a trajectory per nonce (decode-poc.md).
    private static JObject DecodeGeneration(PowEngine engine, SimulatorOptions options, GenerateJob job, int maxTokens) => new()
    {
        ["status"] = "completed",
        ["artifacts"] = new JArray(job.Nonces.Select(n => new JObject
        {
            ["nonce"] = n,
            ["vector_b64"] = string.Empty,
            ["k_points_steps"] = new JArray(engine.Trajectory(job.Inputs, n, maxTokens)),
            ["n_sphere_mismatches"] = -1,
            ["n_nan_steps"] = 0,
            ["mismatch_margin_max"] = 0.0,
        })),
        ["encoding"] = new JObject { ["dtype"] = "f16", ["k_dim"] = job.Inputs.KDim, ["endian"] = "le" },
        ["server_gpu"] = options.Hardware?.Name ?? "NVIDIA H100 80GB HBM3",
        ["server_engine"] = "vllm",
    };

    private static VectorInputs? ReadShared(BodyReader reader, SimulatorOptions options) => ReadShared(reader, options, out _);

    private static VectorInputs? ReadShared(BodyReader reader, SimulatorOptions options, out int? maxTokens)
    {
        maxTokens = null;
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

        var prefillOnly = options.Has(Faults.FaultKind.PrefillOnly);
        reader.ForbidExtra(parameters, ["body", "params"], prefillOnly ? ParamsKeys : DecodeParamsKeys);
        if (!prefillOnly)
        {
            maxTokens = ReadScheme(reader, parameters);
        }

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

    // decode: true (or scheme: "decode") asks for decode and needs max_tokens; a request that names neither is prefill.
    private static int? ReadScheme(BodyReader reader, JObject parameters)
    {
        string[] path = ["body", "params"];
        var decode = reader.Bool(parameters, path, "decode", required: false, fallback: false) ?? false;
        var scheme = reader.String(parameters, path, "scheme", required: false);
        if (scheme is not null and not "prefill" and not "decode")
        {
            reader.Invalid([.. path, "scheme"], "Input should be 'prefill' or 'decode'", parameters["scheme"]);
        }

        if (!decode && scheme != "decode")
        {
            return null;
        }

        var maxTokens = reader.Integer(parameters, path, "max_tokens");
        if (maxTokens is < 1 or > 4096)
        {
            reader.Invalid([.. path, "max_tokens"], "Input should be between 1 and 4096", parameters["max_tokens"]);
            return null;
        }

        return maxTokens is null ? null : (int)maxTokens.Value;
    }

    private static GenerateJob? ReadGenerate(BodyReader reader, SimulatorOptions options, out IResult? refusal)
    {
        refusal = null;
        var body = reader.Body;
        var inputs = ReadShared(reader, options, out var maxTokens);
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
        List<ReceivedArtifact>? validation = null;
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
                var vector = reader.String(item, where, "vector_b64", required: maxTokens is null);
                var steps = maxTokens is null ? null : Steps(reader, item, where);
                if (nonce is not null)
                {
                    validation.Add(new ReceivedArtifact(nonce.Value, vector, steps));
                }
            }
        }

        if (maxTokens is not null && validation is not null && !reader.HasErrors && DecodeRefusal(validation, nonces) is { } refused)
        {
            refusal = Json.Detail(StatusCodes.Status400BadRequest, refused);
            return null;
        }

        var defaults = maxTokens is null ? StatTestParameters.ServerDefaults : StatTestParameters.DecodeServerDefaults;
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

        return reader.HasErrors || inputs is null ? null : new GenerateJob(inputs, nonces, batch is null ? null : (int)batch.Value, wait ?? false, validation, statTest, maxTokens);
    }

    // The prover's trajectory: any integers (a value outside the codebook scores the full margin), absent when missing.
    private static int[]? Steps(BodyReader reader, JObject item, string[] where)
    {
        if (item["k_points_steps"] is not JArray array)
        {
            return null;
        }

        var steps = new int[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i].Type != JTokenType.Integer)
            {
                reader.Invalid([.. where, "k_points_steps", i.ToString(CultureInfo.InvariantCulture)], "Input should be a valid integer", array[i]);
                return null;
            }

            steps[i] = (int)Math.Clamp(array[i].Value<long>(), int.MinValue, int.MaxValue);
        }

        return steps;
    }

    // The plugin's own checks of a decode validation (decode-poc.md): every artifact carries its trajectory, and the
    // artifacts' nonces are exactly the request's.
    private static string? DecodeRefusal(IReadOnlyList<ReceivedArtifact> artifacts, IReadOnlyList<long> nonces)
    {
        if (artifacts.FirstOrDefault(a => a.Steps is null) is { } bare)
        {
            return $"decode validation needs k_points_steps on every artifact (nonce {bare.Nonce} has none)";
        }

        return artifacts.Select(a => a.Nonce).ToHashSet().SetEquals(nonces)
            ? null
            : "validation artifacts' nonces must equal nonces";
    }

    [GeneratedRegex("^[0-9]{1,5}:[0-9a-fA-F-]{32,36}$")]
    private static partial Regex RequestId();

    private sealed record GenerateJob(
        VectorInputs Inputs,
        IReadOnlyList<long> Nonces,
        int? BatchSize,
        bool Wait,
        IReadOnlyList<ReceivedArtifact>? Validation,
        StatTestParameters StatTest,
        int? MaxTokens);
}
