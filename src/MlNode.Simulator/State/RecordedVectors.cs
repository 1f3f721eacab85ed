using MlNode.Tasks.References;

namespace MlNode.Simulator.State;

/// <summary>
/// A replay of the GPU nodes golden references were recorded on: for the PoC inputs, model and deploy args a reference
/// records, the node computes exactly that reference's vectors. Two references of one model under other deploy args
/// (gonka's GLM reference and its H100 TP=8 variant) thus behave as they did on real hardware: each passes under its
/// own args, and they disagree where the hardware did. Nonces and args no reference covers fall back to the oracle.
/// </summary>
public sealed class RecordedVectors
{
    private readonly Dictionary<string, Dictionary<long, float[]>> _byConfig = new(StringComparer.Ordinal);

    /// <summary>Loads the references; a file that is not a valid reference is a <see cref="FormatException"/>.</summary>
    public RecordedVectors(IEnumerable<string> referenceFiles)
    {
        ArgumentNullException.ThrowIfNull(referenceFiles);
        foreach (var file in referenceFiles)
        {
            var problems = new List<string>();
            var reference = ReferenceReader.TryLoad(file, problems)
                ?? throw new FormatException($"--recorded={file} is not a valid reference: {string.Join("; ", problems.Take(3))}");
            if (reference.Header.Scheme != MlNode.Tasks.PoC.PocScheme.Prefill)
            {
                throw new FormatException($"--recorded={file} is a {reference.Header.Scheme.ToString().ToLowerInvariant()} reference; --recorded replays prefill recordings");
            }

            var poc = reference.Poc;
            var key = Key(new VectorInputs(reference.Header.Model.Value, poc.SeqLen, poc.KDim, poc.BlockHash, poc.PublicKey), reference.Header.AdditionalArgs);
            if (!_byConfig.TryGetValue(key, out var vectors))
            {
                _byConfig[key] = vectors = [];
            }

            foreach (var vector in reference.Vectors)
            {
                vectors[vector.Nonce] = vector.Values;
            }
        }
    }

    /// <summary>Gets whether any reference was loaded.</summary>
    public bool IsEmpty => _byConfig.Count == 0;

    /// <summary>The recorded vector for these inputs under these deploy args, or null.</summary>
    public float[]? Find(VectorInputs inputs, IReadOnlyList<string> deployArgs, long nonce) =>
        _byConfig.TryGetValue(Key(inputs, deployArgs), out var vectors) && vectors.TryGetValue(nonce, out var values) ? values : null;

    private static string Key(VectorInputs inputs, IReadOnlyList<string> args) =>
        string.Join('\u001f', [inputs.Model.ToLowerInvariant(), inputs.SeqLen.ToString(System.Globalization.CultureInfo.InvariantCulture),
            inputs.KDim.ToString(System.Globalization.CultureInfo.InvariantCulture), inputs.BlockHash, inputs.PublicKey, .. args]);
}
