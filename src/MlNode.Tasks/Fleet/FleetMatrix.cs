using System.Text;
using MlNode.Tasks.Common;
using Newtonsoft.Json;

namespace MlNode.Tasks.Fleet;

/// <summary>
/// FleetPlan: the fleet's pairs as a CI matrix. Within the CI system's job limit, one job per pair runs the ordinary
/// <c>--target=Report</c> into a folder named after its pair; past it, each job is a shard of whole nodes that runs
/// <c>--target=Fleet --pairs=...</c> (<see cref="FleetShards"/>). GitHub Actions reads <c>strategy.matrix</c> JSON
/// through <c>fromJSON</c>; GitLab CI reads <c>parallel:matrix</c> YAML. Every job carries its whole command as shell
/// words (quoted) in one variable, which the job expands with <c>eval "set -- $ARGS"</c>.
/// </summary>
internal static class FleetMatrix
{
    /// <summary>The most jobs GitHub Actions generates from one matrix.</summary>
    public const int GitHubMaxJobs = 256;

    /// <summary>The jobs of a plan: one per pair within <paramref name="maxJobs"/>, else shards of whole nodes.</summary>
    /// <param name="pairs">The pairs to validate.</param>
    /// <param name="maxJobs">The most jobs the CI system takes from one matrix.</param>
    /// <param name="fleetArgs">What a shard's Fleet needs to read the fleet as the plan did (its source, scheme, TLS, safety), as arguments.</param>
    /// <param name="redactor">Masks what a URL carried.</param>
    /// <param name="tls">The MLNodes' TLS files, passed to each pair job as paths.</param>
    public static IReadOnlyList<FleetJob> Jobs(IReadOnlyList<FleetPair> pairs, int maxJobs, IReadOnlyList<string> fleetArgs, SecretRedactor redactor, TlsFiles? tls = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(fleetArgs);
        if (pairs.Count <= maxJobs)
        {
            return [.. pairs.Select(p =>
            {
                var url = Url(p, redactor);
                return new FleetJob(p.FolderName, p.Node.Id, p.Model, url, NodeArgs(p, tls), [p.FolderName], PairArgs(p, url, tls));
            })];
        }

        var shards = FleetShards.Pack(pairs, maxJobs);
        return [.. shards.Select((shard, i) => new FleetJob(
            FleetShards.Name(i, shards.Count),
            $"shard {i + 1} of {shards.Count}",
            $"{shard.Count} pairs on {shard.Select(p => p.Node.Id).Distinct(StringComparer.Ordinal).Count()} nodes",
            string.Empty,
            string.Empty,
            [.. shard.Select(p => p.FolderName)],
            Words(["--target=Fleet", .. fleetArgs, $"--pairs={string.Join(',', shard.Select(p => p.FolderName))}", "--experiments-root=fleet"])))];
    }

    /// <summary>GitHub Actions: <c>{"include":[{pair, node, model, mlnode_url, node_args, args}, ...]}</c> on one line.</summary>
    public static string GitHub(IReadOnlyList<FleetJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var include = jobs.Select(j => new Dictionary<string, string>
        {
            ["pair"] = j.Name,
            ["node"] = j.Node,
            ["model"] = j.Model,
            ["mlnode_url"] = j.MlNodeUrl,
            ["node_args"] = j.NodeArgs,
            ["args"] = j.Args,
        });
        return JsonConvert.SerializeObject(new { include }, Formatting.None) + Environment.NewLine;
    }

    /// <summary>GitLab CI: a <c>parallel:matrix</c> list (PAIR, NODE, MODEL, MLNODE_URL, NODE_ARGS, ARGS), to include under a job.</summary>
    public static string GitLab(IReadOnlyList<FleetJob> jobs)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var text = new StringBuilder();
        text.Append("parallel:\n  matrix:\n");
        foreach (var j in jobs)
        {
            text.Append("    - PAIR: ").Append(Quoted(j.Name)).Append('\n');
            text.Append("      NODE: ").Append(Quoted(j.Node)).Append('\n');
            text.Append("      MODEL: ").Append(Quoted(j.Model)).Append('\n');
            text.Append("      MLNODE_URL: ").Append(Quoted(j.MlNodeUrl)).Append('\n');
            text.Append("      NODE_ARGS: ").Append(Quoted(j.NodeArgs)).Append('\n');
            text.Append("      ARGS: ").Append(Quoted(j.Args)).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Arguments as one line of shell words, each single-quoted when it needs to be.</summary>
    public static string Words(IEnumerable<string> words) => string.Join(' ', words.Select(ShellWord));

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
        return Words(args.Prepend("--node-args-from=" + pair.ArgsFrom).Concat(TlsArguments(tls)));
    }

    /// <summary>The MLNodes' TLS files as the arguments that name them (paths, never contents), and the Admin API's CA when given.</summary>
    public static IEnumerable<string> TlsArguments(TlsFiles? tls, string? adminCaCert = null) =>
        new[] { ("client-cert", tls?.ClientCert), ("client-key", tls?.ClientKey), ("ca-cert", tls?.CaCert), ("admin-ca-cert", adminCaCert) }
            .Where(t => t.Item2 is not null)
            .Select(t => $"--{t.Item1}={t.Item2}");

    // A pair's job: the ordinary Report into the folder the merge looks for, with the pair's deploy args.
    private static string PairArgs(FleetPair pair, string url, TlsFiles? tls)
    {
        return Words(["--target=Report", $"--mlnode-url={url}", $"--model={pair.Model}", $"--fleet-node={pair.Node.Id}", $"--exp-dir=fleet/{pair.FolderName}"]) + " " + NodeArgs(pair, tls);
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
