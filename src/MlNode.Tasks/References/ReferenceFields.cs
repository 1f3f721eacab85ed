using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.References;

/// <summary>Reads typed header fields and records type problems with their field name.</summary>
internal sealed class ReferenceFields(JObject obj, List<string> problems, string prefix = "")
{
    public string? String(string name, bool required)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (required)
            {
                problems.Add($"{prefix}{name}: required field is missing");
            }

            return null;
        }

        if (token.Type != JTokenType.String)
        {
            problems.Add($"{prefix}{name}: must be a string, got {JsonTokenText.Describe(token)}");
            return null;
        }

        var value = token.Value<string>()!;
        if (required && value.Length == 0)
        {
            problems.Add($"{prefix}{name}: must not be empty");
            return null;
        }

        return value;
    }

    public int? Integer(string name, bool required, int minimum)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            if (required)
            {
                problems.Add($"{prefix}{name}: required field is missing");
            }

            return null;
        }

        if (AsLong(token) is not (>= int.MinValue and <= int.MaxValue) || token.Type != JTokenType.Integer)
        {
            problems.Add($"{prefix}{name}: must be an integer{(token.Type == JTokenType.Integer ? " of at most 32 bits" : string.Empty)}, got {JsonTokenText.Describe(token)}");
            return null;
        }

        var value = (int)AsLong(token)!.Value;
        if (value < minimum)
        {
            problems.Add($"{prefix}{name}: must be at least {minimum}, got {value}");
            return null;
        }

        return value;
    }

    public long Long(string name, long fallback, long minimum)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return fallback;
        }

        if (AsLong(token) is not { } value)
        {
            problems.Add($"{prefix}{name}: must be an integer{(token.Type == JTokenType.Integer ? " of at most 64 bits" : string.Empty)}, got {JsonTokenText.Describe(token)}");
            return fallback;
        }

        if (value < minimum)
        {
            problems.Add($"{prefix}{name}: must be at least {minimum}, got {value}");
        }

        return value;
    }

    public double? Number(string name, bool strictlyPositive, bool belowOne = false)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token.Type is not (JTokenType.Float or JTokenType.Integer))
        {
            problems.Add($"{prefix}{name}: must be a number, got {JsonTokenText.Describe(token)}");
            return null;
        }

        var value = token.Value<double>();
        if (!double.IsFinite(value) || value < 0 || (strictlyPositive && value == 0) || (belowOne && value >= 1))
        {
            var range = belowOne ? (strictlyPositive ? "strictly between 0 and 1" : "in [0, 1)") : "more than 0";
            problems.Add($"{prefix}{name}: must be {range}, got {JsonTokenText.Number(value)}");
            return null;
        }

        return value;
    }

    public JObject? Object(string name)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return null;
        }

        if (token is not JObject value)
        {
            problems.Add($"{prefix}{name}: must be an object, got {JsonTokenText.Describe(token)}");
            return null;
        }

        return value;
    }

    public IReadOnlyList<string> StringList(string name)
    {
        var token = obj[name];
        if (token is null || token.Type == JTokenType.Null)
        {
            return [];
        }

        if (token is not JArray list || list.Any(t => t.Type != JTokenType.String))
        {
            problems.Add($"{prefix}{name}: must be a list of strings, got {JsonTokenText.Describe(token)}");
            return [];
        }

        return list.Select(t => t.Value<string>()!).ToList();
    }

    /// <summary>The optional encoding block: float16, little-endian, and the same k_dim as the header.</summary>
    public void Encoding(int? kDim)
    {
        var encoding = Object("encoding");
        if (encoding is null)
        {
            return;
        }

        var dtype = encoding["dtype"]?.ToString();
        if (dtype is not null && !string.Equals(dtype, "f16", StringComparison.OrdinalIgnoreCase) && !string.Equals(dtype, "float16", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"encoding.dtype: '{dtype}' is not supported (vectors are float16)");
        }

        var endian = encoding["endian"]?.ToString();
        if (endian is not null && !string.Equals(endian, "le", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"encoding.endian: '{endian}' is not supported (vectors are little-endian)");
        }

        if (encoding["k_dim"] is { Type: JTokenType.Integer } encodedDim && kDim is not null && AsLong(encodedDim) != kDim)
        {
            problems.Add($"encoding.k_dim: {encodedDim} disagrees with k_dim {kDim}");
        }
    }

    /// <summary>An integer token's value, or null when it is not an integer or does not fit 64 bits (the reader makes those a BigInteger).</summary>
    public static long? AsLong(JToken token) => token is JValue { Type: JTokenType.Integer, Value: long or int } value
        ? Convert.ToInt64(value.Value, System.Globalization.CultureInfo.InvariantCulture) : null;
}
