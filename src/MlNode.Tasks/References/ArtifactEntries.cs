using System.Globalization;
using MlNode.Tasks.PoC;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.References;

/// <summary>Validates artifact entries of one scheme one at a time, as they stream by.</summary>
internal interface IArtifactCollector
{
    /// <summary>Checks and keeps one entry.</summary>
    void Add(RawArtifact entry);

    /// <summary>Adds what was only counted, once every entry is in.</summary>
    void Finish();
}

/// <summary>The nonces seen so far: every entry's nonce is an integer, not negative, and appears once.</summary>
internal sealed class NonceLedger(List<string> problems)
{
    private readonly Dictionary<long, int> _seen = [];

    /// <summary>Checks an entry's nonce; returns it, or null when the entry is to be dropped (its problem recorded).</summary>
    public long? Admit(RawArtifact entry, string shape)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var where = $"artifacts[{entry.Index}]";
        if (entry.NotAnObject is { } other)
        {
            problems.Add($"{where}: expected an object {shape}, got {JsonTokenText.Describe(other)}");
            return null;
        }

        if (entry.Nonce is not { } nonce)
        {
            problems.Add($"{where}: nonce must be an integer, got {JsonTokenText.Describe(entry.BadNonce)}");
            return null;
        }

        where = $"artifacts[{entry.Index}] (nonce {nonce})";
        if (nonce < 0)
        {
            problems.Add($"{where}: nonce must not be negative");
        }

        if (_seen.TryGetValue(nonce, out var firstIndex))
        {
            problems.Add($"{where}: duplicate nonce, already at artifacts[{firstIndex}]");
            return null;
        }

        _seen[nonce] = entry.Index;
        return nonce;
    }
}

/// <summary>Validates and decodes prefill artifact entries one at a time, remembering nonces to catch duplicates.</summary>
internal sealed class VectorCollector(int kDim, List<string> problems) : IArtifactCollector
{
    /// <summary>
    /// How far from 1 an honest vector's L2 norm may be: float16 keeps 11 significant bits, so each of the 12
    /// components carries up to ~2.5e-4 relative rounding; the published references stay within 1e-3.
    /// </summary>
    public const double NormTolerance = 2e-3;

    private const int NormProblemsListed = 5;

    private readonly NonceLedger _nonces = new(problems);
    private int _offUnit;

    public int KDim => kDim;

    public List<ReferenceVector> Vectors { get; } = [];

    /// <summary>Adds the count of off-unit vectors that were not listed one by one.</summary>
    public void Finish()
    {
        if (_offUnit > NormProblemsListed)
        {
            problems.Add($"... and {_offUnit - NormProblemsListed} more vectors off unit length");
        }
    }

    public void Add(RawArtifact entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_nonces.Admit(entry, "{nonce, vector_b64}") is not { } nonce)
        {
            return;
        }

        var where = $"artifacts[{entry.Index}] (nonce {nonce})";
        if (entry.Steps is not null)
        {
            problems.Add(
                $"{where}: carries k_points_steps, but the file is a prefill reference (it names no scheme: \"decode\"); " +
                "a decode reference says scheme: \"decode\" and max_tokens and has no vectors, and a file mixing vectors and trajectories is invalid");
            return;
        }

        if (entry.Vector is not { } text)
        {
            problems.Add($"{where}: vector_b64 must be a base64 string, got {JsonTokenText.Describe(entry.BadVector)}");
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

        // A zero or scaled vector is no honest PoC vector: validating against it would judge the node by garbage.
        var norm = VectorMath.Norm(values);
        if (Math.Abs(norm - 1) > NormTolerance)
        {
            if (++_offUnit <= NormProblemsListed)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{where}: L2 norm {norm:0.0000} is not 1 within float16 tolerance ({NormTolerance}); honest PoC vectors are unit length"));
            }

            return;
        }

        Vectors.Add(new ReferenceVector(nonce, text, values));
    }
}

/// <summary>
/// One artifacts entry read straight off the JSON reader: a 100,000-entry list is not turned into 100,000
/// JSON objects. Values of the wrong type are kept (as tokens) only to say what they were.
/// </summary>
internal sealed record RawArtifact(int Index, long? Nonce, JToken? BadNonce, string? Vector, JToken? BadVector, JToken? NotAnObject, JToken? Steps = null)
{
    public static RawArtifact Read(JsonReader reader, int index)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            return new RawArtifact(index, null, null, null, null, JToken.ReadFrom(reader));
        }

        long? nonce = null;
        string? vector = null;
        JToken? badNonce = null, badVector = null, steps = null;
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
                case "k_points_steps":
                    // At most max_tokens + 1 small integers: cheap to hold, and checked by the decode collector.
                    steps = JToken.ReadFrom(reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new RawArtifact(index, nonce, badNonce, vector, badVector, null, steps);
    }
}
