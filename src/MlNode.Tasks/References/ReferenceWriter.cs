using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;

namespace MlNode.Tasks.References;

/// <summary>Writes a golden reference in the published format (mlnode-api.md §5; decode: decode-poc.md), artifacts sorted by nonce.</summary>
internal static class ReferenceWriter
{
    /// <summary>The reference as its typed file.</summary>
    public static ReferenceFile ToFile(GoldenReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var header = reference.Header;
        var poc = header.Poc;
        return new ReferenceFile(poc)
        {
            Model = header.Model.Value,
            DistThreshold = header.DistThreshold,
            StatTest = header.HasStatTestBlock
                ? new ReferenceFileStatTest { DistThreshold = header.DistThreshold, PMismatch = header.PMismatch, FraudThreshold = header.FraudThreshold }
                : null,
            CollectionBatchSize = header.CollectionBatchSize,
            AdditionalArgs = header.AdditionalArgs,
            Source = header.Source,
            Notes = header.Notes,
            GeneratedAt = header.GeneratedAt,
            Encoding = header.Scheme == PocScheme.Decode ? null : new ReferenceEncoding { KDim = poc.KDim },
            Artifacts = header.Scheme == PocScheme.Decode
                ? [.. reference.Trajectories.OrderBy(t => t.Nonce).Select(t => new ReferenceArtifact { Nonce = t.Nonce, KPointsSteps = t.Steps })]
                : [.. reference.Vectors.OrderBy(v => v.Nonce).Select(v => new ReferenceArtifact { Nonce = v.Nonce, VectorB64 = v.VectorBase64 })],
        };
    }

    /// <summary>The reference as the text of its file.</summary>
    public static string ToJson(GoldenReference reference) => DocumentJson.Serialize(ToFile(reference));
}
