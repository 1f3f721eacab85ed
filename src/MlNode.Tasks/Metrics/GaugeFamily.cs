using System.Globalization;

namespace MlNode.Tasks.Metrics;

/// <summary>One gauge metric of a push: its name, help text, label names and a sample per distinct label set.</summary>
internal sealed class GaugeFamily
{
    private readonly List<(string[] Values, double Value)> _samples = [];

    public GaugeFamily(string name, string help, string[] labels)
    {
        Name = name;
        Help = help;
        Labels = labels;
    }

    /// <summary>Gets the metric name.</summary>
    public string Name { get; }

    /// <summary>Gets the help text.</summary>
    public string Help { get; }

    /// <summary>Gets the label names every sample gives values for, in order.</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>Gets the samples in the order they were set; a label set set twice keeps its last value.</summary>
    public IReadOnlyList<(string[] Values, double Value)> Samples => _samples;

    /// <summary>Sets the value of the sample with these label values (none for an unlabelled gauge).</summary>
    public void Set(double value, params string[] labelValues)
    {
        if (labelValues.Length != Labels.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{Name} takes {Labels.Count} label value(s), got {labelValues.Length}"), nameof(labelValues));
        }

        var index = _samples.FindIndex(s => s.Values.SequenceEqual(labelValues, StringComparer.Ordinal));
        if (index >= 0)
        {
            _samples[index] = (labelValues, value);
        }
        else
        {
            _samples.Add((labelValues, value));
        }
    }
}
