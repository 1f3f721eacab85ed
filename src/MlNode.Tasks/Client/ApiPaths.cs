namespace MlNode.Tasks.Client;

/// <summary>The MLNode API routes (mlnode-api.md), relative to the node's base URL.</summary>
internal static class ApiPaths
{
    /// <summary>POST: model cache status.</summary>
    public const string ModelStatus = "api/v1/models/status";

    /// <summary>GET: the node's state and version (newer MLNodes).</summary>
    public const string State = "api/v1/state";

    /// <summary>GET: MLNode, vLLM and PoC plugin versions, from a healthy backend (newer MLNodes).</summary>
    public const string Versions = "api/v1/versions";

    /// <summary>POST: start a model download.</summary>
    public const string ModelDownload = "api/v1/models/download";

    /// <summary>GET: cached models.</summary>
    public const string ModelList = "api/v1/models/list";

    /// <summary>GET: cache disk space.</summary>
    public const string ModelSpace = "api/v1/models/space";

    /// <summary>DELETE: remove or cancel a model.</summary>
    public const string Models = "api/v1/models";

    /// <summary>POST: start vLLM asynchronously.</summary>
    public const string InferenceUpAsync = "api/v1/inference/up/async";

    /// <summary>POST: start vLLM synchronously.</summary>
    public const string InferenceUp = "api/v1/inference/up";

    /// <summary>GET: vLLM lifecycle status.</summary>
    public const string InferenceUpStatus = "api/v1/inference/up/status";

    /// <summary>POST: stop vLLM.</summary>
    public const string InferenceDown = "api/v1/inference/down";

    /// <summary>POST: start continuous PoC generation on every healthy backend.</summary>
    public const string PowInitGenerate = "api/v1/inference/pow/init/generate";

    /// <summary>GET: per-backend PoC status and rates.</summary>
    public const string PowStatus = "api/v1/inference/pow/status";

    /// <summary>POST: stop PoC generation (idempotent).</summary>
    public const string PowStop = "api/v1/inference/pow/stop";

    /// <summary>POST: compute (and optionally validate) given nonces.</summary>
    public const string PowGenerate = "api/v1/inference/pow/generate";
}
