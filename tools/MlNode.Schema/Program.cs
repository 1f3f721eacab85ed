using MlNode.Schema;

// Usage: dotnet run --project tools/MlNode.Schema -- [<output folder>]   (default: docs/schema)
var directory = args.Length > 0 ? args[0] : Path.Combine("docs", "schema");
foreach (var path in SchemaCatalog.WriteAll(directory))
{
    Console.WriteLine($"wrote {path}");
}
