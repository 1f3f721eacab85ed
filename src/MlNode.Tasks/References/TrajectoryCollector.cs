using Newtonsoft.Json.Linq;
using MlNode.Tasks.PoC.Decode;

namespace MlNode.Tasks.References;

/// <summary>
/// Validates decode artifact entries (decode-poc.md) one at a time: each {nonce, k_points_steps} with exactly
/// max_tokens + 1 codebook indices in 0..15, no vector (a file mixing vectors and trajectories is invalid).
/// </summary>
internal sealed class TrajectoryCollector(int maxTokens, List<string> problems) : IArtifactCollector
{
    private const string Shape = "{nonce, k_points_steps}";

    private readonly NonceLedger _nonces = new(problems);

    /// <summary>Gets the max_tokens the trajectories are checked against.</summary>
    public int MaxTokens => maxTokens;

    /// <summary>Gets the trajectories that passed, in file order.</summary>
    public List<ReferenceTrajectory> Trajectories { get; } = [];

    /// <inheritdoc/>
    public void Add(RawArtifact entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_nonces.Admit(entry, Shape) is not { } nonce)
        {
            return;
        }

        var where = $"artifacts[{entry.Index}] (nonce {nonce})";
        if (entry.BadVector is not null || entry.Vector is { Length: > 0 })
        {
            problems.Add($"{where}: carries a vector_b64 in a decode reference; a file mixing vectors and trajectories is invalid (decode artifacts are {Shape})");
            return;
        }

        if (Read(entry.Steps, where) is { } steps)
        {
            Trajectories.Add(new ReferenceTrajectory(nonce, steps));
        }
    }

    /// <inheritdoc/>
    public void Finish()
    {
    }

    private int[]? Read(JToken? token, string where)
    {
        if (token is not JArray array)
        {
            problems.Add(token is null
                ? $"{where}: k_points_steps is missing; every decode artifact carries its trajectory"
                : $"{where}: k_points_steps must be a list of integers, got {JsonTokenText.Describe(token)}");
            return null;
        }

        if (array.Count != maxTokens + 1)
        {
            problems.Add($"{where}: k_points_steps has {array.Count} values; max_tokens {maxTokens} needs {maxTokens + 1} (k_0..k_{maxTokens})");
            return null;
        }

        var steps = new int[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            if (ReferenceFields.AsLong(array[i]) is not { } value || value is < 0 or >= DecodeCodebook.Points)
            {
                problems.Add($"{where}: k_points_steps[{i}] is {JsonTokenText.Describe(array[i])}, not a codebook index 0..{DecodeCodebook.Points - 1}");
                return null;
            }

            steps[i] = (int)value;
        }

        return steps;
    }
}
