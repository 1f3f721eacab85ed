using MlNode.Schema;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Reports;

/// <summary>docs/schema/ is generated from the typed documents, and what the tool writes and reads validates against it.</summary>
[Trait("Category", "Integration")]
public sealed class SchemaTests
{
    [Fact]
    public void Generate_CommittedSchemas_MatchTheTypes()
    {
        foreach (var (file, type, title, open) in SchemaCatalog.Documents)
        {
            var committed = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "schema", file)).ReplaceLineEndings("\n");

            var generated = SchemaCatalog.Generate(type, title, open);

            Assert.True(committed == generated, $"docs/schema/{file} is stale: run ./build.sh --target=Schema and commit the result");
        }
    }

    [Fact]
    public async Task Report_EveryOutcome_ValidatesAgainstTheSchema()
    {
        foreach (var fault in new[] { "dishonest:0.5", "deploy-fails", "garbage@/api/v1/inference/pow/generate" })
        {
            await using var harness = await RunHarness.StartAsync(RunHarness.With(fault));
            harness.WriteReference();

            var result = await harness.RunAsync();

            Assert.Equal(2, SchemaAssert.AllValid(result.ExperimentDirectory));
        }
    }

    [Fact]
    public void Schema_ReportMissingAField_IsRejected()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reports", "Fixtures", "validate_report.v0.1.0.json"));

        var errors = SchemaAssert.For("validate_report.schema.json").Validate(text);

        // The 0.1.0 format lacks cli_args and had raw arguments under args: the schema tells that apart.
        Assert.Contains(errors, e => e.Property == "cli_args" || (e.Path ?? string.Empty).Contains("args", StringComparison.Ordinal));
    }

    [Fact]
    public void ReferenceSchema_EveryReferenceTheProjectAndGonkaPublish_Validates()
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "references"), "*.json").ToList();
        if (TestReferences.RealReferencesDirectory() is { } real)
        {
            files.AddRange(Directory.GetFiles(real, "*.json"));
        }

        Assert.NotEmpty(files);
        Assert.All(files, f => SchemaAssert.Valid(File.ReadAllText(f), "reference.schema.json", f));
    }

    [Fact]
    public void ReferenceSchema_WrittenReference_Validates()
    {
        using var dir = new TempDirectory();
        var reference = ReferenceReader.Load(TestReferences.Write(dir.Path, TestReferences.Document(pMismatch: 0.1)));

        SchemaAssert.Valid(ReferenceWriter.ToJson(reference), "reference.schema.json", "the written reference");
    }
}
