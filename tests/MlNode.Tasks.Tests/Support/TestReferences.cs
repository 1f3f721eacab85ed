using MlNode.Simulator.State;
using MlNode.Tasks.Common;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Golden references for tests, computed with the simulator's own vector oracle (what an honest simulated node returns).</summary>
internal static class TestReferences
{
    public const string Model = "TestOrg/Tiny-PoC-1B";
    public const int NodeBatch = 64;

    /// <summary>The document of an honest reference.</summary>
    public static JObject Document(
        string model = Model,
        int count = 32,
        int? collectionBatch = null,
        IReadOnlyList<string>? additionalArgs = null,
        double? distThreshold = 0.2,
        double? pMismatch = null,
        double? fraudThreshold = null,
        int seqLen = 128,
        int kDim = 12)
    {
        var inputs = new VectorInputs(model, seqLen, kDim, "TEST_BLOCK", "test_pub_keys");
        var document = Header(model, seqLen, kDim);
        document["dist_threshold"] = distThreshold;
        document["collection_batch_size"] = collectionBatch;
        document["additional_args"] = new JArray(additionalArgs ?? ["--tensor-parallel-size", "4"]);
        document["source"] = "written by the MlNode.Tasks tests from the simulator's vector oracle";
        document["artifacts"] = new JArray(Enumerable.Range(0, count).Select(n => new JObject
        {
            ["nonce"] = n,
            ["vector_b64"] = VectorOracle.Encode(VectorOracle.Honest(inputs, n, collectionBatch ?? NodeBatch)),
        }));
        if (pMismatch is not null || fraudThreshold is not null)
        {
            var block = new JObject();
            if (pMismatch is not null)
            {
                block["p_mismatch"] = pMismatch;
            }

            if (fraudThreshold is not null)
            {
                block["fraud_threshold"] = fraudThreshold;
            }

            document["stat_test"] = block;
        }

        return document;
    }

    /// <summary>
    /// The document of an honest decode reference (decode-poc.md): trajectories an honest simulated node computes with
    /// no hardware class, τ 0.025 and a decode p_mismatch.
    /// </summary>
    public static JObject DecodeDocument(string model = Model, int count = 32, int maxTokens = 16, double tau = 0.025, double pMismatch = 0.002, double fraudThreshold = 0.01)
    {
        var inputs = new VectorInputs(model, 128, 12, "TEST_BLOCK", "test_pub_keys");
        var document = new JObject { ["scheme"] = "decode", ["max_tokens"] = maxTokens };
        document.Merge(Header(model, 128, 12));
        document["dist_threshold"] = tau;
        document["stat_test"] = new JObject { ["dist_threshold"] = tau, ["p_mismatch"] = pMismatch, ["fraud_threshold"] = fraudThreshold };
        document["additional_args"] = new JArray("--tensor-parallel-size", "4");
        document["source"] = "written by the MlNode.Tasks tests from the simulator's decode oracle";
        document["artifacts"] = new JArray(Enumerable.Range(0, count).Select(n => new JObject
        {
            ["nonce"] = n,
            ["k_points_steps"] = new JArray(DecodeOracle.Trajectory(inputs, n, maxTokens, null, dishonest: false)),
        }));
        return document;
    }

    // The PoC inputs every test reference shares (the simulator's defaults), whatever its scheme.
    private static JObject Header(string model, int seqLen, int kDim) => new()
    {
        ["model"] = model,
        ["seq_len"] = seqLen,
        ["k_dim"] = kDim,
        ["block_hash"] = "TEST_BLOCK",
        ["block_height"] = 100,
        ["public_key"] = "test_pub_keys",
        ["node_id"] = 0,
        ["node_count"] = 1,
    };

    /// <summary>Writes a document as <c>&lt;sanitized model&gt;.json</c> (or <paramref name="fileName"/>) into a folder.</summary>
    public static string Write(string directory, JObject document, string? fileName = null)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName ?? ModelId.Sanitize((string)document["model"]!) + ".json");
        File.WriteAllText(path, document.ToString(Formatting.Indented));
        return path;
    }

    /// <summary>The real node configs published by the Gonka project (../shared/fixtures/node-configs), or null when absent.</summary>
    public static string? NodeConfigsDirectory() => RealReferencesDirectory() is { } real && Path.Combine(Path.GetDirectoryName(real)!, "node-configs") is var configs && Directory.Exists(configs) ? configs : null;

    /// <summary>
    /// Gonka's default GLM-5.3-Flash reference and its H100 TP=8 variant (real recordings, 117 of 1000 nonces apart
    /// beyond 0.44), or the test is skipped saying what is missing.
    /// </summary>
    public static (string Glm, string Variant) RealGlmPair()
    {
        var real = RealReferencesDirectory();
        Assert.SkipWhen(real is null, "../shared/fixtures/real-references is not present on this machine");
        var glm = Path.Combine(real!, "zai-org-glm-5.3-flash.json");
        var variant = Path.Combine(real!, "zai-org-glm-5.3-flash-h100-tp8.json");
        Assert.SkipUnless(File.Exists(glm) && File.Exists(variant), "the GLM reference and its H100 TP=8 variant are not among the fixtures");
        return (glm, variant);
    }

    /// <summary>The real references published by the Gonka project (../shared/fixtures/real-references), or null when absent.</summary>
    public static string? RealReferencesDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures", "real-references");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
