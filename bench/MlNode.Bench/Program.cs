using MlNode.Bench;
using MlNode.Bench.Figures;

// bench/run.sh [figure numbers...] prints one line per figure; bench/faults.sh prints the fault matrix.
if (args.FirstOrDefault() == "faults")
{
    return await FaultMatrix.RunAsync();
}

Figure[] figures = [new OverheadFigure(), new ReadinessFigure(), new StartupFigure(), new ScaleFigure(), new ThroughputAccuracyFigure(), new ConcurrencyFigure(), new FleetFigure(7, 100), new CrossCheckFigure(), new FleetFigure(9, 1000), new VerificationFigure()];
var chosen = args.Skip(args.FirstOrDefault() == "figures" ? 1 : 0).Select(int.Parse).ToHashSet();
Console.WriteLine($"MlNode.Tasks benchmarks on {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}, {DateTimeOffset.Now:yyyy-MM-dd HH:mm}");
foreach (var figure in figures.Where(f => chosen.Count == 0 || chosen.Contains(f.Number)))
{
    await figure.RunAsync();
}

return 0;
