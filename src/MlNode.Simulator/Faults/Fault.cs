using System.Globalization;

namespace MlNode.Simulator.Faults;

/// <summary>
/// One injected fault, parsed from <c>kind[:argument][@path-prefix]</c>, e.g. <c>dishonest:0.25</c>,
/// <c>transient:0.3@/api/v1/inference/pow/status</c>, <c>hang@/api/v1/inference/pow/generate</c>.
/// </summary>
/// <param name="Kind">What goes wrong.</param>
/// <param name="Argument">The fault's parameter, if any.</param>
/// <param name="PathPrefix">For HTTP-level faults: the request paths it applies to (all /api paths when null).</param>
public sealed record Fault(FaultKind Kind, string? Argument = null, string? PathPrefix = null)
{
    private static readonly Dictionary<string, FaultKind> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["dishonest"] = FaultKind.Dishonest,
        ["lying"] = FaultKind.Lying,
        ["lying-validator"] = FaultKind.LyingValidator,
        ["replay-golden"] = FaultKind.ReplayGolden,
        ["incoherent"] = FaultKind.Incoherent,
        ["slow-replica"] = FaultKind.SlowReplica,
        ["deploy-fails"] = FaultKind.DeployFails,
        ["download-not-found"] = FaultKind.DownloadNotFound,
        ["download-partial"] = FaultKind.DownloadPartial,
        ["download-stuck"] = FaultKind.DownloadStuck,
        ["offline"] = FaultKind.Offline,
        ["no-backends"] = FaultKind.NoBackends,
        ["init-503"] = FaultKind.Init503,
        ["transient"] = FaultKind.Transient,
        ["hang"] = FaultKind.Hang,
        ["garbage"] = FaultKind.Garbage,
        ["drop"] = FaultKind.Drop,
        ["drop-first"] = FaultKind.DropFirst,
        ["unreachable-backend"] = FaultKind.UnreachableBackend,
        ["replica-dies"] = FaultKind.ReplicaDies,
        ["slow"] = FaultKind.Slow,
        ["hostile-error"] = FaultKind.HostileError,
        ["misreported-throughput"] = FaultKind.MisreportedThroughput,
        ["lost-reply"] = FaultKind.LostReply,
        ["no-chunked"] = FaultKind.NoChunked,
        ["huge-reply"] = FaultKind.HugeReply,
        ["redirect"] = FaultKind.Redirect,
        ["first-in-batch"] = FaultKind.FirstInBatch,
        ["broken-vectors"] = FaultKind.BrokenVectors,
        ["prefill-only"] = FaultKind.PrefillOnly,
        ["unscored"] = FaultKind.Unscored,
        ["no-abort"] = FaultKind.NoAbort,
    };

    /// <summary>What a hostile node puts in its error detail (the <c>hostile-error</c> fault).</summary>
    public const string HostileText = "oops\u0001\n::error::from-node\nERROR: forged\r\u001b[31mred\u001b[0m ##vso[task.setvariable variable=x]1 ##teamcity[buildStatus text='x']";

    /// <summary>Gets the accepted fault names.</summary>
    public static IEnumerable<string> KnownNames => Names.Keys;

    /// <summary>Parses a fault specification.</summary>
    /// <exception cref="FormatException">The specification is not understood; the message says what is accepted.</exception>
    public static Fault Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var spec = text.Trim();
        string? path = null;
        var at = spec.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            path = spec[(at + 1)..];
            spec = spec[..at];
        }

        string? argument = null;
        var colon = spec.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            argument = spec[(colon + 1)..];
            spec = spec[..colon];
        }

        if (!Names.TryGetValue(spec, out var kind))
        {
            throw new FormatException($"unknown fault '{spec}'; known faults: {string.Join(", ", Names.Keys)}");
        }

        var fault = new Fault(kind, argument, path);
        fault.Validate();
        return fault;
    }

    /// <summary>Gets the argument as a number.</summary>
    public double Number(double fallback) =>
        Argument is null ? fallback : double.Parse(Argument, NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>True when this HTTP-level fault applies to a request path.</summary>
    public bool Matches(string path) => PathPrefix is null
        ? path.StartsWith("/api/", StringComparison.Ordinal)
        : path.StartsWith(PathPrefix, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() =>
        Names.First(n => n.Value == Kind).Key + (Argument is null ? string.Empty : ":" + Argument) + (PathPrefix is null ? string.Empty : "@" + PathPrefix);

    private void Validate()
    {
        bool IsNumber(out double value) => double.TryParse(Argument, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        switch (Kind)
        {
            case FaultKind.Dishonest when Argument is null:
                throw new FormatException("dishonest needs a fraction (dishonest:0.25) or a nonce list (dishonest:3,17)");
            case FaultKind.Dishonest when Argument.Contains(',', StringComparison.Ordinal) || !Argument.Contains('.', StringComparison.Ordinal):
                _ = DishonestNonces();
                break;
            case FaultKind.Dishonest when !IsNumber(out var f) || f is < 0 or > 1:
                throw new FormatException("dishonest:<fraction> needs a fraction between 0 and 1");
            case FaultKind.SlowReplica when !IsNumber(out var factor) || factor is <= 0 or > 1:
                throw new FormatException("slow-replica:<factor> needs a factor in (0, 1], e.g. slow-replica:0.3");
            case FaultKind.Init503 when !int.TryParse(Argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n < 0:
                throw new FormatException("init-503:<n> needs a count, e.g. init-503:3");
            case FaultKind.Transient when !IsNumber(out var rate) || rate is < 0 or > 1:
                throw new FormatException("transient:<rate> needs a rate between 0 and 1, e.g. transient:0.3");
            case FaultKind.DropFirst when !int.TryParse(Argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var drops) || drops < 1:
                throw new FormatException("drop-first:<n> needs a count of at least 1, e.g. drop-first:1@/api/v1/inference/pow/generate");
            case FaultKind.UnreachableBackend when Argument is not null && (!int.TryParse(Argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535):
                throw new FormatException("unreachable-backend:<port> needs a port, e.g. unreachable-backend:5999");
            case FaultKind.ReplicaDies when !IsNumber(out var after) || after < 0:
                throw new FormatException("replica-dies:<seconds> needs a number of seconds, e.g. replica-dies:1.5");
            case FaultKind.MisreportedThroughput when Argument is not ("counters-x1000" or "nan-rate" or "negative-rate"):
                throw new FormatException("misreported-throughput:<how> needs counters-x1000, nan-rate or negative-rate");
            case FaultKind.FirstInBatch when Argument is not null && (!int.TryParse(Argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var firstBatch) || firstBatch < 2):
                throw new FormatException("first-in-batch:<batch> needs a batch size of at least 2, e.g. first-in-batch:16");
            case FaultKind.HugeReply when !IsNumber(out var mib) || mib <= 0:
                throw new FormatException("huge-reply:<MiB> needs a size in MiB, e.g. huge-reply:1500@/api/v1/models/status");
            case FaultKind.Redirect when string.IsNullOrEmpty(Argument):
                throw new FormatException("redirect:<location> needs a Location, e.g. redirect:file:///etc/passwd@/admin/v1/nodes/node1/launch-plan");
            case FaultKind.Unscored when !int.TryParse(Argument, NumberStyles.Integer, CultureInfo.InvariantCulture, out var unscored) || unscored < 1:
                throw new FormatException("unscored:<n> needs a count of at least 1, e.g. unscored:2");
            case FaultKind.Slow when !IsNumber(out var ms) || ms < 0:
                throw new FormatException("slow:<milliseconds> needs a delay, e.g. slow:200");
        }
    }

    /// <summary>For <c>dishonest:n1,n2</c>: the listed nonces; null for a fraction.</summary>
    public IReadOnlySet<long>? DishonestNonces()
    {
        if (Kind != FaultKind.Dishonest || Argument is null || (Argument.Contains('.', StringComparison.Ordinal) && !Argument.Contains(',', StringComparison.Ordinal)))
        {
            return null;
        }

        var nonces = new HashSet<long>();
        foreach (var part in Argument.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var nonce))
            {
                throw new FormatException($"dishonest:<list> needs integer nonces, got '{part}'");
            }

            nonces.Add(nonce);
        }

        return nonces;
    }
}
