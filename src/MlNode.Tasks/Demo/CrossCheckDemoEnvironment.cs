namespace MlNode.Tasks.Demo;

/// <summary>
/// CrossCheckDemo: four simulated MLNodes of three hardware classes behind a simulated Network Node. Two H100s and
/// an H200 agree; the B200 computes 30 % of the nonces far from every other class (as gonka #1691's H200 and
/// Blackwell nodes did), so the cross-check finds one incompatible class in both directions and exits 2.
/// </summary>
internal static class CrossCheckDemoEnvironment
{
    /// <summary>The simulated fleet: the hardware class of each node.</summary>
    public static FleetDemoSpec Spec { get; } = new(
        [
            "--fleet=4", "--port=0", "--download-seconds=1", "--deploy-seconds=1", "--rate=40",
            "--fleet-hardware=1:NVIDIA H100", "--fleet-hardware=2:NVIDIA H100", "--fleet-hardware=3:NVIDIA H200", "--fleet-hardware=4:NVIDIA B200:0.3",
        ],
        ["--hardware=NVIDIA H100"],
        $"4 MLNodes serving {DemoEnvironment.Model}: node1 and node2 on H100, node3 on H200, node4 on B200 (which disagrees with every other class on 30 % of the nonces)",
        "crosscheck_demo");

    /// <summary>Starts the demo's nodes and bakes the golden on a trusted H100.</summary>
    public static Task<FleetDemoEnvironment> StartAsync(string simulatorAssembly, string experimentsRoot, Common.IRunLog log, TimeProvider time, CancellationToken interrupt) =>
        FleetDemoEnvironment.StartAsync(simulatorAssembly, experimentsRoot, log, time, interrupt, Spec);

    /// <summary>What the demo showed and how to run the real thing.</summary>
    public static IEnumerable<string> Epilogue()
    {
        yield return "[demo] one node per hardware class (node2 is stood for by node1): H100 and H200 accept each other's vectors, node4 (B200) " +
            "is judged fraud by every other class and judges theirs fraud; exit code 2.";
        yield return "[demo] on a real fleet: ./build.sh --target=CrossCheck --admin-api=http://<network-node>:9200 (or --nodes=node-config.json, or --mlnode-urls=a,b --model=<org/name>)";
    }
}
