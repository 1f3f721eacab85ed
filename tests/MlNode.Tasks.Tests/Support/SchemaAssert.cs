using MlNode.Schema;
using MlNode.Tasks.Reports;
using NJsonSchema;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Checks documents against the JSON Schemas committed under docs/schema/ (what consumers are told to rely on).</summary>
internal static class SchemaAssert
{
    private static readonly Lazy<IReadOnlyDictionary<string, JsonSchema>> Schemas = new(Load);

    /// <summary>The committed schema of a document, by its file name (validate_report.json, reference, ...).</summary>
    public static JsonSchema For(string schemaFile) => Schemas.Value[schemaFile];

    /// <summary>Asserts that a JSON text validates against a committed schema.</summary>
    public static void Valid(string json, string schemaFile, string what)
    {
        var errors = For(schemaFile).Validate(json);
        Assert.True(errors.Count == 0, $"{what} does not validate against docs/schema/{schemaFile}: {string.Join("; ", errors.Select(e => $"{e.Path}: {e.Kind}"))}");
    }

    /// <summary>
    /// Validates every validate_config.json and validate_report.json the tool wrote below a folder (a test's own
    /// stand-in file, which names no tool, is not one); returns how many there were.
    /// </summary>
    public static int AllValid(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var count = 0;
        foreach (var (file, schema) in new[] { (ExperimentDirectory.ConfigFile, "validate_config.schema.json"), (ExperimentDirectory.ReportFile, "validate_report.schema.json"), (MlNode.Tasks.Fleet.FleetFiles.ReportFile, "fleet_report.schema.json"), (MlNode.Tasks.CrossCheck.CrossCheckFiles.ReportFile, "crosscheck_report.schema.json") })
        {
            foreach (var path in Directory.GetFiles(directory, file, SearchOption.AllDirectories).Where(WrittenByTheTool))
            {
                Valid(File.ReadAllText(path), schema, path);
                count++;
            }
        }

        return count;
    }

    private static bool WrittenByTheTool(string path) => File.ReadAllText(path).Contains("\"name\": \"MlNode.Tasks\"", StringComparison.Ordinal);

    private static IReadOnlyDictionary<string, JsonSchema> Load() =>
        SchemaCatalog.Documents.ToDictionary(
            d => d.File,
            d => JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "schema", d.File))).GetAwaiter().GetResult());
}
