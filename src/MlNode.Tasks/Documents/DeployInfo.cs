using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Documents;

/// <summary>
/// The deploy phase's results; when the phase was skipped, the check that vLLM runs (action "skipped", the reason
/// and verified_running). Fields of the other shape are absent.
/// </summary>
internal sealed class DeployInfo
{
    /// <summary>Gets deployed, redeployed, reused, already_running or skipped.</summary>
    public string? Action { get; init; }

    /// <summary>Gets why it was skipped (skipped shape only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public string? Reason { get; init; }

    /// <summary>Gets whether vLLM was found running (skipped shape only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public bool? VerifiedRunning { get; init; }

    /// <summary>Gets how long it took, in seconds (ran shape only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public double? ElapsedS { get; init; }

    /// <summary>Gets whether this run's deploy config is what vLLM runs with.</summary>
    public bool Applied { get; init; }

    /// <summary>Gets the dtype requested (ran shape only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public string? Dtype { get; init; }

    /// <summary>Gets the args requested (ran shape only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public IReadOnlyList<string>? AdditionalArgs { get; init; }

    /// <summary>Gets the node's last reply to GET /api/v1/inference/up/status, verbatim.</summary>
    public JObject? Status { get; init; }

    /// <summary>Gets how many status requests it made (ran shape only).</summary>
    [JsonProperty(NullValueHandling = NullValueHandling.Ignore)]
    public int? Polls { get; init; }
}
