using MlNode.Tasks.References;
using MlNode.Tasks.Documents;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.NewtonsoftJson.Generation;

namespace MlNode.Schema;

/// <summary>
/// The JSON Schemas of the tool's documents, generated from the typed models with the serializer settings the tool
/// writes them with (snake_case names, nulls written), so the schema cannot drift from the code. The reports are strict (no field the types do not
/// declare: a consumer can rely on every name); the golden reference is open (published files carry more).
/// </summary>
public static class SchemaCatalog
{
    /// <summary>Each schema's file name under docs/schema/ and its type.</summary>
    public static IReadOnlyList<(string File, Type Type, string Title, bool Open)> Documents { get; } =
    [
        ("validate_config.schema.json", typeof(ValidateConfig), "MlNode.Tasks validate_config.json", false),
        ("validate_report.schema.json", typeof(ValidateReport), "MlNode.Tasks validate_report.json", false),
        ("reference.schema.json", typeof(ReferenceFile), "Gonka MLNode golden reference (PoC v2 honest vectors, or decode trajectories with scheme: decode)", true),
        ("fleet_report.schema.json", typeof(MlNode.Tasks.Fleet.Documents.FleetReportDocument), "MlNode.Tasks fleet_report.json", false),
        ("crosscheck_report.schema.json", typeof(MlNode.Tasks.CrossCheck.Documents.CrossCheckReportDocument), "MlNode.Tasks crosscheck_report.json", false),
    ];

    // What every published reference has (mlnode-api.md §5; gonka's validate.py refuses a file without these). An
    // artifact's vector_b64 (prefill) or k_points_steps (decode) depends on the scheme, so neither is required here.
    private static readonly HashSet<string> ReferenceRequired = new(StringComparer.Ordinal)
    {
        nameof(ReferenceFile.Model), nameof(ReferenceFile.SeqLen), nameof(ReferenceFile.KDim), nameof(ReferenceFile.BlockHash),
        nameof(ReferenceFile.PublicKey), nameof(ReferenceFile.Artifacts), nameof(ReferenceArtifact.Nonce),
    };

    /// <summary>The schema of one document, as the text of its file.</summary>
    public static string Generate(Type type, string title, bool open)
    {
        var settings = new NewtonsoftJsonSchemaGeneratorSettings
        {
            SerializerSettings = new Newtonsoft.Json.JsonSerializerSettings
            {
                ContractResolver = new RequiredContractResolver(m => !open || ReferenceRequired.Contains(m.Name))
                {
                    NamingStrategy = new Newtonsoft.Json.Serialization.SnakeCaseNamingStrategy(),
                },
            },
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            GenerateAbstractProperties = true,
            AlwaysAllowAdditionalObjectProperties = open,
            FlattenInheritanceHierarchy = true,
        };
        var schema = JsonSchema.FromType(type, settings);
        schema.Title = title;
        return schema.ToJson().ReplaceLineEndings("\n") + "\n";
    }

    /// <summary>Writes every schema into a folder; returns the paths written.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var (file, type, title, open) in Documents)
        {
            var path = Path.Combine(directory, file);
            var temp = path + ".tmp";
            File.WriteAllText(temp, Generate(type, title, open));
            File.Move(temp, path, overwrite: true);
            written.Add(path);
        }

        return written;
    }
}
