using MlNode.Tasks.Common;

using MlNode.Tasks.Deployment.Documents;
using MlNode.Tasks.Fleet.Documents;

namespace MlNode.Tasks.Fleet;

/// <summary>One MLNode of a fleet: its id, the URL of its MLNode API, the models it serves and, from the Admin API, its state.</summary>
/// <param name="Id">The node's id.</param>
/// <param name="BaseUrl">host (scheme optional, else http) + <c>:poc_port</c> + poc_segment.</param>
/// <param name="Models">Each model's vLLM args from the node's config, in the config's order.</param>
/// <param name="State">The broker's state, or null when the fleet came from a file.</param>
internal sealed record FleetNode(string Id, string BaseUrl, IReadOnlyList<KeyValuePair<string, IReadOnlyList<string>>> Models, NodeState? State)
{
    /// <summary>Gets how the node's models are launched; null until the fleet's source says (then its configured args).</summary>
    public NodeLaunch? Launch { get; init; }

    /// <summary>
    /// Gets the node's GPU class: the distinct <c>hardware[].type</c> values of its definition (e.g. <c>NVIDIA H200</c>),
    /// or null when the definition names none. Vectors of one class agree; across classes they may not.
    /// </summary>
    public string? Hardware { get; init; }

    /// <summary>The GPU class a node definition names (its hardware types, counts aside), or null.</summary>
    public static string? HardwareOf(NodeDefinition node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var types = (node.Hardware ?? []).Select(h => h?.Type?.Trim()).OfType<string>().Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return types.Count == 0 ? null : string.Join(" + ", types);
    }

    /// <summary>Builds the MLNode API's base URL the way the Network Node does.</summary>
    /// <exception cref="InputException">The host or port is missing or invalid.</exception>
    /// <param name="node">The node's definition.</param>
    /// <param name="where">Where it was read, for errors.</param>
    /// <param name="scheme">The scheme of a host given without one (http, or https with --mlnode-scheme=https).</param>
    public static string BaseUrlOf(NodeDefinition node, string where, string scheme = "http")
    {
        ArgumentNullException.ThrowIfNull(node);
        var host = node.Host?.Trim();
        if (string.IsNullOrEmpty(host))
        {
            throw new InputException($"{where}: the node has no 'host'; give each node its host name or address");
        }

        if (node.PocPort is not (> 0 and <= 65535))
        {
            throw new InputException($"{where}: 'poc_port' must be a port between 1 and 65535 (the MLNode API's port, usually 8080)");
        }

        var withScheme = host.Contains("://", StringComparison.Ordinal) ? host.TrimEnd('/') : scheme + "://" + host.TrimEnd('/');
        var segment = node.PocSegment?.Trim() ?? string.Empty;
        if (segment.Length > 0 && !segment.StartsWith('/'))
        {
            segment = "/" + segment;
        }

        var text = $"{withScheme}:{node.PocPort}{segment.TrimEnd('/')}";
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? text
            : throw new InputException($"{where}: host '{host}' with poc_port {node.PocPort} does not make an http(s) URL ('{text}')");
    }

    /// <summary>Turns a definition into a node, checking what a fleet run needs of it.</summary>
    /// <exception cref="InputException">The definition lacks an id, a host, a port or its models.</exception>
    public static FleetNode From(NodeDefinition node, NodeState? state, string where, string scheme = "http")
    {
        ArgumentNullException.ThrowIfNull(node);
        if (string.IsNullOrWhiteSpace(node.Id))
        {
            throw new InputException($"{where}: the node has no 'id'; every node needs the id its Network Node knows it by");
        }

        where = $"{where} (id '{node.Id}')";
        var models = (node.Models ?? throw new InputException($"{where}: the node has no 'models'; list the models it serves as {{\"<org/name>\": {{\"args\": [...]}}}}"))
            .Select(m => KeyValuePair.Create(m.Key, (IReadOnlyList<string>)(m.Value?.Args ?? [])))
            .ToList();
        return new FleetNode(node.Id.Trim(), BaseUrlOf(node, where, scheme), models, state) { Hardware = HardwareOf(node) };
    }
}
