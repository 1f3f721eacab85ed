using System.Text;
using MlNode.Tasks.Common;
using Newtonsoft.Json;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// FleetPlan: the fleet's pairs as a CI matrix, one job per pair, each running the ordinary <c>--target=Report</c>
/// into a folder named after its pair. GitHub Actions reads <c>strategy.matrix</c> JSON through <c>fromJSON</c>;
/// GitLab CI reads <c>parallel:matrix</c> YAML. The node's launch args travel as shell words (<c>--node-arg=...</c>, quoted)
/// in one variable, which the job expands with <c>eval "set -- $NODE_ARGS"</c>.
/// </summary>
internal static class FleetMatrix
{
    /// <summary>The most jobs GitHub Actions generates from one matrix.</summary>
    public const int GitHubMaxJobs = 256;

    /// <summary>GitHub Actions: <c>{"include":[{pair, node, model, mlnode_url, node_args}, ...]}</c> on one line.</summary>
    public static string GitHub(IReadOnlyList<FleetPair> pairs, SecretRedactor redactor, TlsFiles? tls = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var include = pairs.Select(p => new Dictionary<string, string>
        {
            ["pair"] = p.FolderName,
            ["node"] = p.Node.Id,
            ["model"] = p.Model,
            ["mlnode_url"] = Url(p, redactor),
            ["node_args"] = NodeArgs(p, tls),
        });
        return JsonConvert.SerializeObject(new { include }, Formatting.None) + Environment.NewLine;
    }

    /// <summary>GitLab CI: a <c>parallel:matrix</c> list (PAIR, NODE, MODEL, MLNODE_URL, NODE_ARGS), to include under a job.</summary>
    public static string GitLab(IReadOnlyList<FleetPair> pairs, SecretRedactor redactor, TlsFiles? tls = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var text = new StringBuilder();
        text.Append("parallel:\n  matrix:\n");
        foreach (var p in pairs)
        {
            text.Append("    - PAIR: ").Append(Quoted(p.FolderName)).Append('\n');
            text.Append("      NODE: ").Append(Quoted(p.Node.Id)).Append('\n');
            text.Append("      MODEL: ").Append(Quoted(p.Model)).Append('\n');
            text.Append("      MLNODE_URL: ").Append(Quoted(Url(p, redactor))).Append('\n');
            text.Append("      NODE_ARGS: ").Append(Quoted(NodeArgs(p, tls))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The pair's deploy args as shell words: <c>--node-args-from=</c> (where they come from, so a job with no args
    /// still replaces the reference's) and one <c>--node-arg=</c> per token, each single-quoted when it needs to be; or,
    /// when a token is empty (which no <c>--name=value</c> argument can carry), the whole list as one JSON <c>--node-args=</c>.
    /// The TLS files the plan was made with follow as paths (never their contents): a job reaches its node as the plan did.
    /// </summary>
    public static string NodeArgs(FleetPair pair, TlsFiles? tls = null)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var args = pair.NodeArgs.Any(a => a.Length == 0)
            ? ["--node-args=" + JsonConvert.SerializeObject(pair.NodeArgs)]
            : pair.NodeArgs.Select(a => "--node-arg=" + a);
        var transport = new[] { ("client-cert", tls?.ClientCert), ("client-key", tls?.ClientKey), ("ca-cert", tls?.CaCert) }
            .Where(t => t.Item2 is not null)
            .Select(t => $"--{t.Item1}={t.Item2}");
        return string.Join(' ', args.Prepend("--node-args-from=" + pair.ArgsFrom).Concat(transport).Select(ShellWord));
    }

    private static string ShellWord(string word) =>
        word.All(c => char.IsAsciiLetterOrDigit(c) || "-_=./:,@%+".Contains(c, StringComparison.Ordinal)) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    // A YAML double-quoted scalar is a JSON string.
    private static string Quoted(string value) => JsonConvert.SerializeObject(value);

    // Credentials never go into a matrix (it is printed in CI logs); jobs authenticate with MLNODE_AUTHORIZATION.
    private static string Url(FleetPair pair, SecretRedactor redactor)
    {
        var uri = new Uri(pair.Node.BaseUrl);
        return string.IsNullOrEmpty(uri.UserInfo) ? pair.Node.BaseUrl : redactor.Redact(new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri.ToString().TrimEnd('/'));
    }
}
