using System.Security.Cryptography;
using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.References;

/// <summary>
/// Reads and validates a golden reference file. Every problem is collected with the file and the offending
/// entry (field name, or artifact index and nonce); a file with problems is an <see cref="InputException"/>,
/// never a stack trace. The artifacts array is streamed, so a 100,000-vector file never exists as a DOM.
/// </summary>
internal static class ReferenceReader
{
    private const int ProblemsShown = 12;

    // RFC 8259 leaves duplicate names open; a golden reference must not (the syntax pass refuses them too).
    private static readonly JsonLoadSettings DistinctNames = new() { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error };

    /// <summary>Loads and validates a reference file.</summary>
    /// <exception cref="InputException">The file is missing, not a regular file, not JSON, or not a valid reference.</exception>
    public static GoldenReference Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (FileKind.Problem(full) is { } kind)
        {
            throw new InputException(kind == "does not exist"
                ? $"reference file '{path}' does not exist; check --reference or the references search path"
                : $"reference file '{path}' {kind}; pass the path of a reference JSON file");
        }

        var problems = new List<string>();
        var reference = TryLoad(full, problems);
        if (problems.Count > 0 || reference is null)
        {
            throw Invalid(full, problems);
        }

        return reference;
    }

    /// <summary>
    /// Loads a reference file with every check the tool makes (the one path for runs, --all-references and
    /// CheckReferences), adding every problem to <paramref name="problems"/>.
    /// </summary>
    /// <returns>The reference, with its path and SHA-256, or null when it has problems.</returns>
    public static GoldenReference? TryLoad(string path, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var full = Path.GetFullPath(path);
        if (FileKind.Problem(full) is { } kind)
        {
            problems.Add(kind);
            return null;
        }

        try
        {
            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
            using var sha256 = SHA256.Create();

            // The syntax check reads every byte once anyway: the file's hash is taken on the same pass.
            using (var hashing = new CryptoStream(stream, sha256, CryptoStreamMode.Read, leaveOpen: true))
            {
                if (StrictJson.Check(hashing) is { } syntax)
                {
                    problems.Add(syntax);
                    return null;
                }
            }

            stream.Position = 0;
            var reference = Parse(stream, problems);
            if (reference is null || problems.Count > 0)
            {
                return null;
            }

            return reference.From(full, Convert.ToHexStringLower(sha256.Hash!));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add($"cannot be read: {ex.Message}");
            return null;
        }
    }

    /// <summary>Parses reference JSON (streamed: the artifacts are decoded one by one), adding every problem found to <paramref name="problems"/>.</summary>
    /// <returns>The reference, or null when it could not be built.</returns>
    public static GoldenReference? Parse(Stream json, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var header = new JObject();
        var artifactProblems = new List<string>();
        IArtifactCollector? collector = null;
        var pending = new List<RawArtifact>();
        var sawArtifacts = false;
        var artifactCount = 0;
        try
        {
            using var text = new StreamReader(json, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
            using var reader = new JsonTextReader(text) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                problems.Add("the file is not a JSON object");
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                if (name == "artifacts" && reader.TokenType == JsonToken.StartArray)
                {
                    sawArtifacts = true;

                    // Files put artifacts last, after the scheme and k_dim or max_tokens: check each entry as it
                    // streams by. Otherwise keep the entries until the header is known.
                    collector = StreamingCollector(header, artifactProblems);
                    while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                    {
                        var entry = RawArtifact.Read(reader, artifactCount);
                        if (collector is null)
                        {
                            pending.Add(entry);
                        }
                        else
                        {
                            collector.Add(entry);
                        }

                        artifactCount++;
                    }
                }
                else
                {
                    header[name] = JToken.ReadFrom(reader, DistinctNames);
                }
            }
        }
        catch (JsonReaderException ex)
        {
            problems.Add($"not valid JSON: {ex.Message}");
            return null;
        }

        var fields = new ReferenceFields(header, problems);
        var scheme = Scheme(fields, header, problems);
        var maxTokens = fields.Integer("max_tokens", required: scheme == PocScheme.Decode, minimum: 1);
        var modelText = fields.String("model", required: true);
        ModelId? model = null;
        if (modelText is not null && !ModelId.TryParse(modelText, out model))
        {
            problems.Add($"model: '{modelText}' is not a full org/name HuggingFace id");
        }

        var seqLen = fields.Integer("seq_len", required: true, minimum: 1);
        var kDim = fields.Integer("k_dim", required: true, minimum: 1);
        var blockHash = fields.String("block_hash", required: true);
        var publicKey = fields.String("public_key", required: true);
        var blockHeight = fields.Long("block_height", 100, minimum: 0);
        var nodeId = fields.Integer("node_id", required: false, minimum: 0) ?? 0;
        var nodeCount = fields.Integer("node_count", required: false, minimum: 1) ?? 1;
        if (nodeId >= nodeCount)
        {
            problems.Add($"node_id: {nodeId} must be below node_count ({nodeCount})");
        }

        var distThreshold = fields.Number("dist_threshold", strictlyPositive: true);
        var statTest = fields.Object("stat_test");
        double? pMismatch = null, fraudThreshold = null;
        if (statTest is not null)
        {
            var block = new ReferenceFields(statTest, problems, "stat_test.");
            var blockDist = block.Number("dist_threshold", strictlyPositive: true);
            pMismatch = block.Number("p_mismatch", strictlyPositive: false, belowOne: true);
            fraudThreshold = block.Number("fraud_threshold", strictlyPositive: true, belowOne: true);
            if (blockDist is not null && distThreshold is not null && Math.Abs(blockDist.Value - distThreshold.Value) > 1e-12)
            {
                problems.Add($"dist_threshold ({JsonTokenText.Number(distThreshold.Value)}) and stat_test.dist_threshold ({JsonTokenText.Number(blockDist.Value)}) disagree; keep one value");
            }

            distThreshold ??= blockDist;
        }

        var additionalArgs = fields.StringList("additional_args");
        var source = fields.String("source", required: false);
        var notes = fields.String("notes", required: false);
        var generatedAt = fields.String("generated_at", required: false);
        var collectionBatch = fields.Integer("collection_batch_size", required: false, minimum: 1);
        fields.Encoding(kDim);

        if (!sawArtifacts)
        {
            var shape = scheme == PocScheme.Decode ? "{nonce, k_points_steps}" : "{nonce, vector_b64}";
            problems.Add(header.ContainsKey("artifacts") ? $"artifacts: must be a list of {shape}" : "artifacts: required field is missing");
        }
        else if (artifactCount == 0)
        {
            problems.Add("artifacts: the list is empty; a reference needs at least one vector");
        }

        var expected = scheme == PocScheme.Decode
            ? maxTokens is { } steps ? new TrajectoryCollector(steps, artifactProblems) : null
            : kDim is { } dimensions ? new VectorCollector(dimensions, artifactProblems) : (IArtifactCollector?)null;
        if (collector is null && expected is not null)
        {
            collector = expected;
            foreach (var entry in pending)
            {
                collector.Add(entry);
            }
        }
        else if (collector is not null && expected is not null && !SameShape(collector, expected))
        {
            problems.Add($"scheme, k_dim or max_tokens: given after the artifacts with values other than those the artifacts were read by; write them once, before artifacts (as BakeReference does)");
        }

        collector?.Finish();
        problems.AddRange(artifactProblems);
        if (problems.Count > 0 || model is null || seqLen is null || kDim is null || blockHash is null || publicKey is null)
        {
            return null;
        }

        var recorded = new ReferenceHeader
        {
            Model = model,
            Poc = new PocParameters(seqLen.Value, kDim.Value, blockHash, blockHeight, publicKey, nodeId, nodeCount, scheme == PocScheme.Decode ? maxTokens : null),
            DistThreshold = distThreshold,
            PMismatch = pMismatch,
            FraudThreshold = fraudThreshold,
            HasStatTestBlock = statTest is not null,
            AdditionalArgs = additionalArgs,
            Source = source,
            Notes = notes,
            GeneratedAt = generatedAt,
            CollectionBatchSize = collectionBatch,
        };
        return new GoldenReference(recorded, (collector as VectorCollector)?.Vectors ?? [], (collector as TrajectoryCollector)?.Trajectories ?? []);
    }

    // The scheme is what the file says; a file that names none is prefill (as a request that names none is).
    private static PocScheme Scheme(ReferenceFields fields, JObject header, List<string> problems)
    {
        var text = fields.String("scheme", required: false);
        var scheme = PocScheme.Prefill;
        if (text is not null)
        {
            if (PocSchemes.Parse(text) is { } named)
            {
                scheme = named;
            }
            else
            {
                problems.Add($"scheme: '{text}' is no PoC scheme; write \"prefill\" or \"decode\"");
            }
        }

        if (scheme == PocScheme.Prefill && header.ContainsKey("max_tokens"))
        {
            problems.Add("max_tokens: only a decode reference has max_tokens; add scheme: \"decode\" (with k_points_steps artifacts) or drop it");
        }

        return scheme;
    }

    // The collector the header read so far asks for, or null when it does not tell yet.
    private static IArtifactCollector? StreamingCollector(JObject header, List<string> problems)
    {
        static int? Positive(JToken? token) => token is not null && ReferenceFields.AsLong(token) is { } value and >= 1 and <= int.MaxValue ? (int)value : null;
        var scheme = header["scheme"] is JValue { Type: JTokenType.String } named ? PocSchemes.Parse((string?)named) : PocScheme.Prefill;
        return scheme switch
        {
            PocScheme.Decode when Positive(header["max_tokens"]) is { } steps => new TrajectoryCollector(steps, problems),
            PocScheme.Prefill when Positive(header["k_dim"]) is { } dimensions => new VectorCollector(dimensions, problems),
            _ => null,
        };
    }

    private static bool SameShape(IArtifactCollector read, IArtifactCollector expected) => (read, expected) switch
    {
        (VectorCollector a, VectorCollector b) => a.KDim == b.KDim,
        (TrajectoryCollector a, TrajectoryCollector b) => a.MaxTokens == b.MaxTokens,
        _ => false,
    };

    /// <summary>Builds the one-line error (and detail lines) for a file with problems.</summary>
    public static InputException Invalid(string path, IReadOnlyList<string> problems)
    {
        var first = problems.Count > 0 ? problems[0] : "unknown problem";
        var more = problems.Count > 1 ? $" (and {problems.Count - 1} more problem{(problems.Count > 2 ? "s" : string.Empty)})" : string.Empty;
        var detail = problems.Count > 1
            ? string.Join(Environment.NewLine, problems.Take(ProblemsShown).Select(p => "  - " + p)) +
              (problems.Count > ProblemsShown ? $"{Environment.NewLine}  - ... {problems.Count - ProblemsShown} more" : string.Empty)
            : null;
        return new InputException(
            $"reference '{path}' is invalid: {first}{more}; fix the file or bake a new one with ./build.sh --target=BakeReference",
            detail);
    }

}
