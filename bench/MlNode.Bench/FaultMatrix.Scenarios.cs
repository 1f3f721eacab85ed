namespace MlNode.Bench;

/// <summary>The fault matrix's scenarios: each with its faults, the exit codes it may end with and what else it does.</summary>
internal static partial class FaultMatrix
{
    private sealed record Scenario(
        string Name,
        string[] Faults,
        int[] Expected,
        string? KillAfter = null,
        bool DiskFull = false,
        string? ExperimentsRoot = null,
        double DownloadSeconds = 0.5,
        string[]? Arguments = null,
        Special Special = Special.None);

    // What a scenario does besides faults: another client, or an input that is no regular reference.
    private enum Special
    {
        None,
        OtherClientStopsGeneration,
        FifoReference,
        StaleClaim,
        FleetReportFifo,
        UnjudgeableBaseline,
        SecondRunSameExpDir,
        RootExpDir,
        CrossCheckDeadNode,
        CrossCheckHugeNonces,
    }

    private static readonly Scenario[] Scenarios =
    [
        new("none", [], [0]),
        new("dishonest:0.5", ["dishonest:0.5"], [2]),
        new("dishonest:5 (one mismatch)", ["dishonest:5"], [0]),
        new("lying (+ dishonest:0.5)", ["lying", "dishonest:0.5"], [1]),
        new("incoherent", ["incoherent"], [1]),
        new("slow-replica:0.3", ["slow-replica:0.3"], [0]),
        new("deploy-fails", ["deploy-fails"], [1]),
        new("download-not-found", ["download-not-found"], [1]),
        new("download-partial", ["download-partial"], [1]),
        new("download-stuck", ["download-stuck"], [1]),
        new("offline", ["offline"], [1]),
        new("no-backends", ["no-backends"], [1]),
        new("init-503:2", ["init-503:2"], [0]),
        new("transient:0.3 on every poll", ["transient:0.3@/api/v1/models/status", "transient:0.3@/api/v1/inference/up/status", "transient:0.3@/api/v1/inference/pow/status"], [0]),
        new("transient:0.2 on every endpoint", ["transient:0.2"], [0, 1]),
        new("hang@pow/generate", ["hang@/api/v1/inference/pow/generate"], [1]),
        new("hang@models/status", ["hang@/api/v1/models/status"], [1]),
        new("garbage@up/status", ["garbage@/api/v1/inference/up/status"], [1]),
        new("drop@up/async", ["drop@/api/v1/inference/up/async"], [1]),
        new("slow:100", ["slow:100"], [0]),
        new("lost-reply@up/async", ["lost-reply@/api/v1/inference/up/async"], [0]),
        new("lost-reply@models/download", ["lost-reply@/api/v1/models/download"], [0]),
        new("hang@pow/stop, --stop-timeout=2", ["hang@/api/v1/inference/pow/stop"], [0], Arguments: ["--stop-timeout=2"]),
        new("lost-reply@pow/stop", ["lost-reply@/api/v1/inference/pow/stop"], [0]),
        new("another client stops generation mid-window", [], [1], Arguments: ["--measure-seconds=3"], Special: Special.OtherClientStopsGeneration),
        new("--stop-timeout=1e300", [], [1], Arguments: ["--stop-timeout=1e300"]),
        new("--measure-seconds=1e300", [], [1], Arguments: ["--measure-seconds=1e300"]),
        new("--request-timeout=0.001", [], [1], Arguments: ["--request-timeout=0.001"]),
        new("--reference=<a FIFO>", [], [1], Special: Special.FifoReference),
        new("--exp-dir claimed by a killed run", [], [0], Special: Special.StaleClaim),
        new("hostile-error@models/status (control characters, CI commands)", ["hostile-error@/api/v1/models/status"], [1]),
        new("a second run into the same --exp-dir at once (another node)", [], [0, 1], Special: Special.SecondRunSameExpDir),
        new("CrossCheck --num-nonces=1000000000", [], [1], Special: Special.CrossCheckHugeNonces),
        new("huge-reply:1500@models/status (1.5 GB answer)", ["huge-reply:1500@/api/v1/models/status"], [1]),
        new("--exp-dir=/", [], [1], Special: Special.RootExpDir),
        new("redirect@models/status to file:///etc/passwd", ["redirect:file:///etc/passwd@/api/v1/models/status"], [1]),
        new("CrossCheck: node2 never answers pow/generate", [], [1], Special: Special.CrossCheckDeadNode),
        new("hostile-error@pow/generate", ["hostile-error@/api/v1/inference/pow/generate"], [1]),
        new("misreported-throughput:counters-x1000, --min-throughput=50000", ["misreported-throughput:counters-x1000"], [1], Arguments: ["--min-throughput=50000"]),
        new("misreported-throughput:nan-rate", ["misreported-throughput:nan-rate"], [1]),
        new("--baseline whose throughput is 0", [], [1], Special: Special.UnjudgeableBaseline),
        new("FleetReport --from with a FIFO as a pair's report", [], [1], Special: Special.FleetReportFifo),
        new("kill -9 in download", [], [137], KillAfter: "[1/4] download", DownloadSeconds: 3),
        new("kill -9 in deploy", [], [137], KillAfter: "[2/4] deploy"),
        new("kill -9 in throughput", [], [137], KillAfter: "init/generate -> backends"),
        new("kill -9 in validate", ["hang@/api/v1/inference/pow/generate"], [137], KillAfter: "[4/4] validate"),
        new("report folder fills up", [], [1], DiskFull: true),
        new("report folder unwritable", [], [1], ExperimentsRoot: "/dev/null/experiments"),
    ];
}
