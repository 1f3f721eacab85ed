namespace MlNode.Tasks.Documents;

/// <summary>The phase and request timeouts, in seconds.</summary>
internal sealed class TimeoutsInfo
{
    /// <summary>Gets the download phase's.</summary>
    public double DownloadTimeout { get; init; }

    /// <summary>Gets the deploy phase's.</summary>
    public double DeployTimeout { get; init; }

    /// <summary>Gets the validation call's.</summary>
    public double ValidationTimeout { get; init; }

    /// <summary>Gets each HTTP request's.</summary>
    public double RequestTimeout { get; init; }
}
