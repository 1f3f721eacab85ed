using MlNode.Tasks.CrossCheck;

namespace MlNode.Tasks.Tests.CrossCheck;

public sealed class CrossScheduleTests
{
    [Fact]
    public void Queues_FourNodes_EachGeneratesFirstThenTheGoldenThenTheOthersInRotation()
    {
        // Given
        string[] nodes = ["a", "b", "c", "d"];

        // When
        var queues = CrossSchedule.Queues(nodes, withGolden: true);

        // Then: every ordered pair exactly once, and at each step the nodes validate different generators.
        Assert.Equal(["a", CrossSchedule.Golden, "b", "c", "d"], queues[0]);
        Assert.Equal(["d", CrossSchedule.Golden, "a", "b", "c"], queues[3]);
        var pairs = queues.SelectMany((q, i) => q.Skip(2).Select(source => (source, validator: nodes[i]))).ToList();
        Assert.Equal(12, pairs.Distinct().Count());
        Assert.DoesNotContain(pairs, p => p.source == p.validator);
        for (var step = 2; step < 5; step++)
        {
            Assert.Equal(4, queues.Select(q => q[step]).Distinct().Count());
        }
    }

    [Fact]
    public void Queues_NoGolden_OwnGenerationThenOthers()
    {
        Assert.Equal(["b", "a"], CrossSchedule.Queues(["a", "b"], withGolden: false)[1]);
    }
}
