using System.Text.RegularExpressions;

namespace MlNode.Tasks.Common;

/// <summary>
/// A HuggingFace model id in its full <c>org/name</c> form, exactly as the MLNode receives it.
/// The contract never accepts a short form ("qwen 0.6B") and never picks a model on the caller's behalf.
/// </summary>
internal sealed partial record ModelId
{
    private ModelId(string value)
    {
        Value = value;
    }

    /// <summary>Gets the id as given, e.g. <c>Qwen/Qwen3-0.6B</c>.</summary>
    public string Value { get; }

    /// <summary>
    /// Gets the file-name form used for the reference lookup and the default experiment name (mlnode-api.md §5):
    /// lower-cased, with <c>/</c>, <c>\</c>, <c>:</c> and spaces turned into <c>-</c> and repeated <c>-</c> collapsed.
    /// </summary>
    public string Sanitized => Sanitize(Value);

    /// <summary>Gets the default golden reference file name for this model.</summary>
    public string ReferenceFileName => Sanitized + ".json";

    /// <summary>Parses a full HuggingFace id or explains, in one line, how to give one.</summary>
    /// <exception cref="InputException">The text is not in <c>org/name</c> form.</exception>
    public static ModelId Parse(string text, string argumentName = "--model")
    {
        if (!TryParse(text, out var model))
        {
            throw new InputException(
                $"{argumentName}='{text}' is not a full HuggingFace model id; pass the exact org/name the MLNode serves, " +
                $"e.g. {argumentName}=Qwen/Qwen3-0.6B (short names like 'qwen 0.6B' are never guessed)");
        }

        return model;
    }

    /// <summary>Tries to parse a full <c>org/name</c> id.</summary>
    public static bool TryParse(string? text, out ModelId model)
    {
        model = null!;
        if (string.IsNullOrWhiteSpace(text) || text != text.Trim() || !FullId().IsMatch(text))
        {
            return false;
        }

        model = new ModelId(text);
        return true;
    }

    /// <summary>Sanitizes any model text the way the reference lookup does (also used for arbitrary ids read from files).</summary>
    public static string Sanitize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = text.Trim().ToLowerInvariant();
        foreach (var separator in new[] { '/', '\\', ':', ' ' })
        {
            safe = safe.Replace(separator, '-');
        }

        return RepeatedDashes().Replace(safe, "-");
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    // HuggingFace repo ids: an owner and a name of letters, digits, '-', '_' and '.', at most 96 characters each.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$")]
    private static partial Regex FullId();

    [GeneratedRegex("-{2,}")]
    private static partial Regex RepeatedDashes();
}
