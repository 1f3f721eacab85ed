using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Documents;

/// <summary>The download phase's results.</summary>
internal sealed class DownloadInfo
{
    /// <summary>Gets already_downloaded, verified or downloaded.</summary>
    public string? Action { get; init; }

    /// <summary>Gets how long it took, in seconds.</summary>
    public double ElapsedS { get; init; }

    /// <summary>Gets the node's last reply to POST /api/v1/models/status, verbatim.</summary>
    public JObject? LastStatus { get; init; }

    /// <summary>Gets how many status requests it made.</summary>
    public int Polls { get; init; }
}
