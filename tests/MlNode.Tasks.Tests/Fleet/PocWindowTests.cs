using MlNode.Tasks.Fleet.Documents;
using MlNode.Tasks.Fleet.Safety;

namespace MlNode.Tasks.Tests.Fleet;

public sealed class PocWindowTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(10);

    [Fact]
    public void RefusalReason_NextPocFarEnough_Allowed() =>
        Assert.Null(PocWindow.RefusalReason(Reply("Inference", 2 * 3600), Hour, Margin));

    [Theory]
    [InlineData(3600 + 599, "sooner than this run can take at worst")]
    [InlineData(100, "should be online")]
    public void RefusalReason_NextPocTooSoon_Refused(long seconds, string expected) =>
        Assert.Contains(expected, PocWindow.RefusalReason(Reply("Inference", seconds, online: seconds <= 600), Hour, Margin));

    [Theory]
    [InlineData("PoCGenerate")]
    [InlineData("PoCValidateWindDown")]
    [InlineData("SomePhaseFromTheFuture")]
    public void RefusalReason_PhaseOtherThanInference_RefusedAsActivePoc(string phase) =>
        Assert.Contains("PoC window is active", PocWindow.RefusalReason(Reply(phase, 20 * 3600), Hour, Margin));

    [Fact]
    public void RefusalReason_ScheduleUnknown_FailsClosed()
    {
        Assert.Contains("does not know", PocWindow.RefusalReason(null, Hour, Margin));
        Assert.Contains("does not know", PocWindow.RefusalReason(new PocTimingReply { Available = false }, Hour, Margin));
        Assert.Contains("does not say", PocWindow.RefusalReason(new PocTimingReply { Available = true, Timing = new PocTiming { CurrentPhase = "Inference" } }, Hour, Margin));
    }

    private static PocTimingReply Reply(string phase, long seconds, bool online = false) =>
        new() { Available = true, Timing = new PocTiming { CurrentPhase = phase, SecondsUntilNextPoc = seconds, BlocksUntilNextPoc = seconds / 6, ShouldBeOnline = online } };
}
