namespace MlNode.Tasks.Documents;

/// <summary>
/// Every argument of the contract under its snake_case name with the value the run used (null where unset), as
/// gonka's own validate.py records its arguments: anything that reads that client's <c>args</c> reads these.
/// </summary>
internal sealed class ContractArguments
{
    /// <summary>Gets the node's URL, credentials masked.</summary>
    public string MlnodeUrl { get; init; } = string.Empty;

    /// <summary>Gets the model id.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Gets the reference file used.</summary>
    public string? Reference { get; init; }

    /// <summary>Gets --threshold, or null when not given.</summary>
    public double? Threshold { get; init; }

    /// <summary>Gets --p-mismatch, or null when not given.</summary>
    public double? PMismatch { get; init; }

    /// <summary>Gets --fraud-threshold, or null when not given.</summary>
    public double? FraudThreshold { get; init; }

    /// <summary>Gets vLLM's dtype.</summary>
    public string Dtype { get; init; } = string.Empty;

    /// <summary>Gets --tp-size, or null when not given.</summary>
    public int? TpSize { get; init; }

    /// <summary>Gets --max-model-len, or null when not given.</summary>
    public int? MaxModelLen { get; init; }

    /// <summary>Gets every --extra-arg, in order.</summary>
    public IReadOnlyList<string> ExtraArg { get; init; } = [];

    /// <summary>Gets --skip-download.</summary>
    public bool SkipDownload { get; init; }

    /// <summary>Gets --skip-deploy.</summary>
    public bool SkipDeploy { get; init; }

    /// <summary>Gets --skip-throughput.</summary>
    public bool SkipThroughput { get; init; }

    /// <summary>Gets --skip-validate.</summary>
    public bool SkipValidate { get; init; }

    /// <summary>Gets the warm-up, in seconds.</summary>
    public double WarmupSeconds { get; init; }

    /// <summary>Gets the measurement window, in seconds.</summary>
    public double MeasureSeconds { get; init; }

    /// <summary>Gets the sample interval, in seconds.</summary>
    public double SampleInterval { get; init; }

    /// <summary>Gets the init/generate batch size, or null when none is sent (the node's per-GPU default).</summary>
    public int? BatchSize { get; init; }

    /// <summary>Gets the validation batch size, or null when none is sent.</summary>
    public int? ValidationBatchSize { get; init; }

    /// <summary>Gets the download timeout, in seconds.</summary>
    public double DownloadTimeout { get; init; }

    /// <summary>Gets the deploy timeout, in seconds.</summary>
    public double DeployTimeout { get; init; }

    /// <summary>Gets the validation timeout, in seconds.</summary>
    public double ValidationTimeout { get; init; }

    /// <summary>Gets the experiment folder.</summary>
    public string ExpDir { get; init; } = string.Empty;

    /// <summary>Gets the experiment name (the folder's prefix).</summary>
    public string ExpName { get; init; } = string.Empty;
}
