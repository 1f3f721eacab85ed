using MlNode.Tasks.Common;

namespace MlNode.Tasks.Running;

/// <summary>A job whose first phases are download and deploy: a validation run or a reference bake.</summary>
internal interface INodeJob : IDisposable
{
    /// <summary>[1/4] download.</summary>
    Task DownloadAsync();

    /// <summary>[2/4] deploy.</summary>
    Task DeployAsync();

    /// <summary>Ends the job: records how it ended, writes its files, prints its summary; returns the exit code.</summary>
    /// <param name="error">What ended it, or null when every planned step finished.</param>
    /// <param name="log">Where the summary goes.</param>
    int Complete(Exception? error, IRunLog log);
}
