using MlNode.Tasks.Baking;
using MlNode.Tasks.Common;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Tests.Support;

/// <summary>Runs a bake in-process the way the BakeReference target does (download, deploy, bake) and captures its console.</summary>
internal static class BakeRunner
{
    /// <summary>Bakes with <paramref name="settings"/>; returns the exit code and everything printed.</summary>
    public static async Task<(int ExitCode, string Console)> BakeAsync(BakeSettings settings, HttpMessageHandler? handler = null, SecretRedactor? redactor = null)
    {
        redactor ??= new SecretRedactor();
        var console = new StringWriter();
        var log = new TextRunLog(console, redactor);
        using var job = new BakeJob(settings, log, new RunEnvironment(TimeProvider.System, default, redactor, handler));
        Exception? error = null;
        try
        {
            await job.DownloadAsync();
            await job.DeployAsync();
            await job.BakeAsync();
        }
        catch (Exception ex)
        {
            error = ex;
        }

        return (job.Complete(error, log), console.ToString());
    }
}
