using MlNode.Tasks.Engine;
using MlNode.Tasks.Live;
using MlNode.Tasks.Reports;
using Spectre.Console;

namespace MlNode.Tasks.Tests.Live;

/// <summary>The live view's fleet board on in-memory state: it counts every planned pair, as the log's progress line does.</summary>
public sealed class RunsViewTests
{
    [Fact]
    public void Render_RefusedPairWithoutARun_IsARowAndCountsAsDone()
    {
        // Given: a fleet of three pairs, one REFUSED before any run started
        var settled = new SettledPairs();
        settled.Expect(3);
        settled.Settle("node2 / Org/M", "REFUSED");

        // When
        var text = Text(RunsView.Render(new Dictionary<string, RunReport>(), settled, [], DateTimeOffset.UnixEpoch));

        // Then
        Assert.Contains("1/3 pairs done", text);
        Assert.Contains("node2 / Org/M", text);
        Assert.Contains("REFUSED", text);
    }

    [Fact]
    public void Render_NothingPlannedYet_SaysItIsWaiting()
    {
        var text = Text(RunsView.Render(new Dictionary<string, RunReport>(), new SettledPairs(), [], DateTimeOffset.UnixEpoch));

        Assert.Contains("waiting for the first run to start", text);
    }

    private static string Text(Spectre.Console.Rendering.IRenderable view)
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(output) });
        console.Profile.Width = 120;
        console.Write(view);
        return output.ToString();
    }
}
