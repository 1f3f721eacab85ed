using MlNode.Tasks.Common;
using MlNode.Tasks.Reports;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Cake;

/// <summary>
/// One pass of the task graph: the job the MLNode tasks act on (a validation run, or a reference bake), reached by
/// the script's tasks through <see cref="MlNodeBuild.Session"/>. Not Cake's typed Setup data: with --all-references
/// the graph runs once per reference, and typed setup data can be registered only once per process.
/// </summary>
public sealed class MlNodeSession
{
    internal MlNodeSession(INodeJob? job, bool containFailures)
    {
        Job = job;
        ContainFailures = containFailures;
    }

    /// <summary>Gets the job, or null for tasks that do not talk to a node (Help, CheckReferences, Simulator).</summary>
    internal INodeJob? Job { get; }

    /// <summary>Gets the validation run, when the job is one.</summary>
    internal ValidationRun? Run => Job as ValidationRun;

    /// <summary>Gets the bake, when the job is one.</summary>
    internal BakeJob? Bake => Job as BakeJob;

    /// <summary>Gets a failure recorded instead of thrown (see <see cref="ContainFailures"/>).</summary>
    internal Exception? ContainedFailure { get; private set; }

    // Between the runs of --all-references a failure must not escape: Cake would print its task table on stdout
    // after this pass, and the next reference still has to run. The run records it and later phases say "not reached".
    internal bool ContainFailures { get; }

    /// <summary>[1/4] download.</summary>
    public Task DownloadAsync() => Step(() => Require().DownloadAsync());

    /// <summary>[2/4] deploy.</summary>
    public Task DeployAsync() => Step(() => Require().DeployAsync());

    /// <summary>[3/4] throughput.</summary>
    public Task ThroughputAsync() => Step(() => RequireRun().ThroughputAsync());

    /// <summary>[4/4] validate; a fired fraud test fails the task so that tasks depending on Validate do not run.</summary>
    public Task ValidateAsync() => Step(async () =>
    {
        var run = RequireRun();
        await run.ValidateAsync().ConfigureAwait(false);
        if (run.Report.Phases[Configuration.Phase.Validate].State == PhaseState.Completed && run.Report.Validation.FraudDetected)
        {
            throw new FraudDetectedException(
                $"fraud detected: n_mismatch={run.Report.Validation.NMismatch}/{run.Report.Validation.NTotal}, p_value={run.Report.Validation.PValue:G6}");
        }
    });

    /// <summary>Report: finalizes the run's report files now (the summary is printed when the graph ends).</summary>
    public Task ReportAsync()
    {
        RequireRun().Finish(ContainedFailure);
        return Task.CompletedTask;
    }

    /// <summary>BakeReference: bake, verify and write the golden reference.</summary>
    public Task BakeReferenceAsync() => Step(() => Bake?.BakeAsync() ?? throw new InvalidOperationException("BakeReference needs a bake job"));

    private INodeJob Require() => Job ?? throw new InvalidOperationException("this task needs an MLNode job; the session has none");

    private ValidationRun RequireRun() => Run ?? throw new InvalidOperationException("this task needs a validation run");

    private async Task Step(Func<Task> action)
    {
        if (ContainedFailure is not null)
        {
            await action().ConfigureAwait(false); // the run itself prints "not reached"
            return;
        }

        try
        {
            await action().ConfigureAwait(false);
        }
        catch (Exception ex) when (ContainFailures && ex is not FraudDetectedException)
        {
            ContainedFailure = ex;
            Run?.Fail(ex);
        }
        catch (FraudDetectedException ex) when (ContainFailures)
        {
            ContainedFailure = ex;
        }
    }
}
