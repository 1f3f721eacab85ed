using System.Globalization;
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
public static class ReferenceReader
{
    private const int ProblemsShown = 12;

    /// <summary>Loads and validates a reference file.</summary>
    /// <exception cref="InputException">The file is missing, not JSON, or not a valid reference.</exception>
    public static GoldenReference Load(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InputException($"reference file '{path}' does not exist; check --reference or the references search path");
        }

        var problems = new List<string>();
        GoldenReference? reference;
        string sha256;
        try
        {
            using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024))
            {
                reference = Parse(stream, problems);
            }

            using (var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024))
            {
                sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"reference file '{path}' cannot be read: {ex.Message}");
        }

        if (problems.Count > 0 || reference is null)
        {
            throw Invalid(full, problems);
        }

        return reference with { FilePath = full, Sha256 = sha256 };
    }

    /// <summary>Parses reference JSON from a file, adding every problem found to <paramref name="problems"/>.</summary>
    /// <returns>The reference, or null when it could not be built.</returns>
    public static GoldenReference? ParseFile(string path, List<string> problems)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024);
        return Parse(stream, problems);
    }

    /// <summary>Parses reference JSON (streamed: the artifacts are decoded one by one), adding every problem found to <paramref name="problems"/>.</summary>
    /// <returns>The reference, or null when it could not be built.</returns>
    public static GoldenReference? Parse(Stream json, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var header = new JObject();
        var artifactProblems = new List<string>();
        VectorCollector? collector = null;
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

                    // Files put artifacts last, after k_dim: decode each entry as it streams by. Otherwise keep
                    // the entries until k_dim is known.
                    var kDimSoFar = header["k_dim"] is { Type: JTokenType.Integer } known ? known.Value<int>() : (int?)null;
                    collector = kDimSoFar is > 0 ? new VectorCollector(kDimSoFar.Value, artifactProblems) : null;
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
                    header[name] = JToken.ReadFrom(reader);
                }
            }
        }
        catch (JsonReaderException ex)
        {
            problems.Add($"not valid JSON: {ex.Message}");
            return null;
        }

        var fields = new FieldReader(header, problems);
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
            var block = new FieldReader(statTest, problems, "stat_test.");
            var blockDist = block.Number("dist_threshold", strictlyPositive: true);
            pMismatch = block.Number("p_mismatch", strictlyPositive: false, belowOne: true);
            fraudThreshold = block.Number("fraud_threshold", strictlyPositive: true, belowOne: true);
            if (blockDist is not null && distThreshold is not null && Math.Abs(blockDist.Value - distThreshold.Value) > 1e-12)
            {
                problems.Add($"dist_threshold ({Format(distThreshold.Value)}) and stat_test.dist_threshold ({Format(blockDist.Value)}) disagree; keep one value");
            }

            distThreshold ??= blockDist;
        }

        var additionalArgs = fields.StringList("additional_args");
        var source = fields.String("source", required: false);
        var notes = fields.String("notes", required: false);
        var generatedAt = fields.String("generated_at", required: false);
        var collectionBatch = fields.Integer("collection_batch_size", required: false, minimum: 1);
        CheckEncoding(fields.Object("encoding"), kDim, problems);

        if (!sawArtifacts)
        {
            problems.Add(header.ContainsKey("artifacts") ? "artifacts: must be a list of {nonce, vector_b64}" : "artifacts: required field is missing");
        }
        else if (artifactCount == 0)
        {
            problems.Add("artifacts: the list is empty; a reference needs at least one vector");
        }

        if (collector is null && kDim is not null)
        {
            collector = new VectorCollector(kDim.Value, artifactProblems);
            foreach (var entry in pending)
            {
                collector.Add(entry);
            }
        }
        else if (collector is not null && kDim is not null && collector.KDim != kDim)
        {
            problems.Add($"k_dim: given twice with different values");
        }

        problems.AddRange(artifactProblems);
        var vectors = collector?.Vectors ?? [];
        if (problems.Count > 0 || model is null || seqLen is null || kDim is null || blockHash is null || publicKey is null)
        {
            return null;
        }

        return new GoldenReference
        {
            Model = model,
            Poc = new PocParameters(seqLen.Value, kDim.Value, blockHash, blockHeight, publicKey, nodeId, nodeCount),
            DistThreshold = distThreshold,
            PMismatch = pMismatch,
            FraudThreshold = fraudThreshold,
            HasStatTestBlock = statTest is not null,
            AdditionalArgs = additionalArgs,
            Source = source,
            Notes = notes,
            GeneratedAt = generatedAt,
            CollectionBatchSize = collectionBatch,
            Vectors = vectors,
        };
    }

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

    /// <summary>Validates and decodes artifact entries one at a time, remembering nonces to catch duplicates.</summary>
    private sealed class VectorCollector(int kDim, List<string> problems)
    {
        private readonly Dictionary<long, int> _seen = [];

        public int KDim => kDim;

        public List<ReferenceVector> Vectors { get; } = [];

        public void Add(RawArtifact entry)
        {
            var where = $"artifacts[{entry.Index}]";
            if (entry.NotAnObject is { } other)
            {
                problems.Add($"{where}: expected an object {{nonce, vector_b64}}, got {Describe(other)}");
                return;
            }

            if (entry.Nonce is not { } nonce)
            {
                problems.Add($"{where}: nonce must be an integer, got {Describe(entry.BadNonce)}");
                return;
            }

            where = $"artifacts[{entry.Index}] (nonce {nonce})";
            if (nonce < 0)
            {
                problems.Add($"{where}: nonce must not be negative");
            }

            if (_seen.TryGetValue(nonce, out var firstIndex))
            {
                problems.Add($"{where}: duplicate nonce, already at artifacts[{firstIndex}]");
                return;
            }

            _seen[nonce] = entry.Index;
            if (entry.Vector is not { } text)
            {
                problems.Add($"{where}: vector_b64 must be a base64 string, got {Describe(entry.BadVector)}");
                return;
            }

            if (!Float16Vector.TryDecode(text, kDim, out var values, out var error))
            {
                problems.Add($"{where}: {error}");
                return;
            }

            if (!VectorMath.AllFinite(values))
            {
                problems.Add($"{where}: vector has a non-finite value (NaN or infinity)");
                return;
            }

            Vectors.Add(new ReferenceVector(nonce, text, values));
        }
    }

    /// <summary>
    /// One artifacts entry read straight off the JSON reader: a 100,000-entry list is not turned into 100,000
    /// JSON objects. Values of the wrong type are kept (as tokens) only to say what they were.
    /// </summary>
    private sealed record RawArtifact(int Index, long? Nonce, JToken? BadNonce, string? Vector, JToken? BadVector, JToken? NotAnObject)
    {
        public static RawArtifact Read(JsonReader reader, int index)
        {
            if (reader.TokenType != JsonToken.StartObject)
            {
                return new RawArtifact(index, null, null, null, null, JToken.ReadFrom(reader));
            }

            long? nonce = null;
            string? vector = null;
            JToken? badNonce = null, badVector = null;
            while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
            {
                var name = (string)reader.Value!;
                reader.Read();
                switch (name)
                {
                    case "nonce" when reader.TokenType == JsonToken.Integer && reader.Value is long value:
                        nonce = value;
                        break;
                    case "nonce":
                        badNonce = JToken.ReadFrom(reader);
                        break;
                    case "vector_b64" when reader.TokenType == JsonToken.String:
                        vector = (string)reader.Value!;
                        break;
                    case "vector_b64":
                        badVector = JToken.ReadFrom(reader);
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }

            return new RawArtifact(index, nonce, badNonce, vector, badVector, null);
        }
    }

    private static void CheckEncoding(JObject? encoding, int? kDim, List<string> problems)
    {
        if (encoding is null)
        {
            return;
        }

        var dtype = encoding["dtype"]?.ToString();
        if (dtype is not null && !string.Equals(dtype, "f16", StringComparison.OrdinalIgnoreCase) && !string.Equals(dtype, "float16", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"encoding.dtype: '{dtype}' is not supported (vectors are float16)");
        }

        var endian = encoding["endian"]?.ToString();
        if (endian is not null && !string.Equals(endian, "le", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"encoding.endian: '{endian}' is not supported (vectors are little-endian)");
        }

        if (encoding["k_dim"] is { Type: JTokenType.Integer } encodedDim && kDim is not null && encodedDim.Value<int>() != kDim)
        {
            problems.Add($"encoding.k_dim: {encodedDim} disagrees with k_dim {kDim}");
        }
    }

    private static string Describe(JToken? token) => token switch
    {
        null => "nothing",
        { Type: JTokenType.Null } => "null",
        { Type: JTokenType.String } => $"the string '{Truncate(token.ToString())}'",
        { Type: JTokenType.Object } => "an object",
        { Type: JTokenType.Array } => "a list",
        _ => $"{token.Type.ToString().ToLowerInvariant()} {token.ToString(Formatting.None)}",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads typed header fields and records type problems with their field name.</summary>
    private sealed class FieldReader(JObject obj, List<string> problems, string prefix = "")
    {
        public string? String(string name, bool required)
        {
            var token = obj[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                if (required)
                {
                    problems.Add($"{prefix}{name}: required field is missing");
                }

                return null;
            }

            if (token.Type != JTokenType.String)
            {
                problems.Add($"{prefix}{name}: must be a string, got {Describe(token)}");
                return null;
            }

            var value = token.Value<string>()!;
            if (required && value.Length == 0)
            {
                problems.Add($"{prefix}{name}: must not be empty");
                return null;
            }

            return value;
        }

        public int? Integer(string name, bool required, int minimum)
        {
            var token = obj[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                if (required)
                {
                    problems.Add($"{prefix}{name}: required field is missing");
                }

                return null;
            }

            if (token.Type != JTokenType.Integer || token.Value<long>() is > int.MaxValue or < int.MinValue)
            {
                problems.Add($"{prefix}{name}: must be an integer, got {Describe(token)}");
                return null;
            }

            var value = token.Value<int>();
            if (value < minimum)
            {
                problems.Add($"{prefix}{name}: must be at least {minimum}, got {value}");
                return null;
            }

            return value;
        }

        public long Long(string name, long fallback, long minimum)
        {
            var token = obj[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                return fallback;
            }

            if (token.Type != JTokenType.Integer)
            {
                problems.Add($"{prefix}{name}: must be an integer, got {Describe(token)}");
                return fallback;
            }

            var value = token.Value<long>();
            if (value < minimum)
            {
                problems.Add($"{prefix}{name}: must be at least {minimum}, got {value}");
            }

            return value;
        }

        public double? Number(string name, bool strictlyPositive, bool belowOne = false)
        {
            var token = obj[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                return null;
            }

            if (token.Type is not (JTokenType.Float or JTokenType.Integer))
            {
                problems.Add($"{prefix}{name}: must be a number, got {Describe(token)}");
                return null;
            }

            var value = token.Value<double>();
            if (!double.IsFinite(value) || value < 0 || (strictlyPositive && value == 0) || (belowOne && value >= 1))
            {
                var range = belowOne ? (strictlyPositive ? "strictly between 0 and 1" : "in [0, 1)") : "more than 0";
                problems.Add($"{prefix}{name}: must be {range}, got {Format(value)}");
                return null;
            }

            return value;
        }

        public JObject? Object(string name)
        {
            var token = obj[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                return null;
            }

            if (token is not JObject value)
            {
                problems.Add($"{prefix}{name}: must be an object, got {Describe(token)}");
                return null;
            }

            return value;
        }

        public IReadOnlyList<string> StringList(string name)
        {
            var token = obj[name];
            if (token is null || token.Type == JTokenType.Null)
            {
                return [];
            }

            if (token is not JArray list || list.Any(t => t.Type != JTokenType.String))
            {
                problems.Add($"{prefix}{name}: must be a list of strings, got {Describe(token)}");
                return [];
            }

            return list.Select(t => t.Value<string>()!).ToList();
        }
    }
}
