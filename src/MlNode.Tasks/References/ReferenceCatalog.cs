using MlNode.Tasks.Common;

namespace MlNode.Tasks.References;

/// <summary>
/// The references search path: folders searched in order for <c>&lt;sanitized model&gt;.json</c> (the default
/// reference) and, for <c>--all-references</c> and CheckReferences, every reference file they hold.
/// </summary>
internal sealed class ReferenceCatalog
{
    /// <summary>Creates a catalog over absolute folder paths, searched in the given order.</summary>
    public ReferenceCatalog(IReadOnlyList<string> directories)
    {
        Directories = directories;
    }

    /// <summary>Gets the folders, in search order.</summary>
    public IReadOnlyList<string> Directories { get; }

    /// <summary>Parses a ';'-separated search path, resolving relative entries against <paramref name="root"/>.</summary>
    public static ReferenceCatalog FromSearchPath(string searchPath, string root)
    {
        var directories = searchPath
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => Path.GetFullPath(Path.IsPathRooted(d) ? d : Path.Combine(root, d)))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (directories.Count == 0)
        {
            throw new InputException("--references-path is empty; give at least one folder, e.g. --references-path=references");
        }

        return new ReferenceCatalog(directories);
    }

    /// <summary>Finds the default reference for a model: the first folder holding its file name, or null.</summary>
    public string? Locate(ModelId model) =>
        Directories.Select(d => Path.Combine(d, model.ReferenceFileName)).FirstOrDefault(File.Exists);

    /// <summary>Lists every <c>*.json</c> file in the search path, folder by folder, sorted by name within a folder.</summary>
    public IReadOnlyList<string> Files() =>
        Directories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.json").Order(StringComparer.Ordinal))
            .ToList();

    /// <summary>
    /// The one rule for which files are a model's references: <c>&lt;sanitized id&gt;.json</c> (its default) and
    /// variants <c>&lt;sanitized id&gt;-&lt;variant&gt;.json</c> or <c>&lt;sanitized id&gt;.&lt;variant&gt;.json</c>.
    /// </summary>
    public static bool IsReferenceName(string fileName, ModelId model)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(model);
        var stem = model.Sanitized;
        return fileName.EndsWith(".json", StringComparison.Ordinal) &&
            (fileName == model.ReferenceFileName || fileName.StartsWith(stem + "-", StringComparison.Ordinal) || fileName.StartsWith(stem + ".", StringComparison.Ordinal));
    }

    /// <summary>Every reference of a model in the search path (by <see cref="IsReferenceName"/>), in search order.</summary>
    public IReadOnlyList<string> ReferencesOf(ModelId model) => Files().Where(f => IsReferenceName(Path.GetFileName(f), model)).ToList();

    /// <summary>
    /// The error for a model without a default reference: the requested model, the expected file, what is
    /// available, and the exact command that bakes one (the contract's "When no artifact exists").
    /// </summary>
    public InputException Missing(ModelId model, string displayRoot)
    {
        var expected = Path.Combine(Directories[0], model.ReferenceFileName);
        // Only a reference of this model can be chosen (another model's is refused), so only those are offered.
        var variants = ReferencesOf(model).Select(f => Relative(f, displayRoot)).ToList();
        var others = Files().Select(f => Relative(f, displayRoot)).Except(variants).ToList();
        var lines = new List<string>
        {
            $"  requested model: {model}",
            $"  expected file:   {Relative(expected, displayRoot)}",
            $"  searched:        {string.Join("; ", Directories.Select(d => Relative(d, displayRoot)))}",
            variants.Count == 0 ? "  for this model:  (none)" : "  for this model:  " + string.Join(", ", variants),
        };
        if (others.Count > 0)
        {
            lines.Add("  other models':   " + string.Join(", ", others) + " (a reference validates only its own model)");
        }

        lines.AddRange(
        [
            string.Empty,
            variants.Count > 0
                ? "  Choose one of this model's references with --reference=<file>, or bake one against a trusted"
                : "  Bake one against a trusted",
            "  MLNode that serves this model (canonical precision, attention backend and GPU class):",
            "    " + BakeCommand(model, displayRoot),
        ]);
        // One wording for a single run and a fleet's row: the line alone must say what to do (a fleet row has no detail).
        return new InputException(
            $"no golden reference for model '{model}' (expected {model.ReferenceFileName} in the references search path); " +
            $"vectors are never invented and no other model is substituted; bake one on a trusted node that serves it: {BakeCommand(model, displayRoot)}",
            string.Join(Environment.NewLine, lines));
    }

    /// <summary>The command that bakes the model's missing reference into the first folder of the search path.</summary>
    public string BakeCommand(ModelId model, string displayRoot)
    {
        ArgumentNullException.ThrowIfNull(model);
        var expected = Path.Combine(Directories[0], model.ReferenceFileName);
        return $"./build.sh --target=BakeReference --mlnode-url=<trusted-mlnode-url> --model={model} --num-nonces=32 --out={Relative(expected, displayRoot)}";
    }

    /// <summary>Shows a path relative to <paramref name="root"/> when it is inside it.</summary>
    public static string Relative(string path, string root)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative;
    }
}
