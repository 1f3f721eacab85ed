using System.Globalization;

namespace MlNode.Bench.Figures;

/// <summary>One benchmark figure: prints one summary line (and detail lines indented under it).</summary>
public abstract class Figure
{
    public abstract int Number { get; }

    public abstract string Title { get; }

    public abstract Task RunAsync();

    protected void Report(string result, string goal, bool? met)
    {
        var verdict = met is null ? string.Empty : met.Value ? "  [goal met]" : "  [goal MISSED]";
        Console.WriteLine($"F{Number} {Title}: {result}  (goal: {goal}){verdict}");
    }

    protected static void Detail(string text) => Console.WriteLine("    " + text);

    protected static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture) + " s";
}
