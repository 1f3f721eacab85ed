using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Gates;

namespace MlNode.Tasks.Cake;

/// <summary>Compare: two runs' reports side by side and their differences; no node is contacted.</summary>
internal static class CompareTask
{
    public static void Run(SettingsSources sources, IRunLog log)
    {
        var reader = new SettingReader(sources);
        BaselineRun Read(ArgumentDefinition argument)
        {
            var path = reader.Text(argument) ?? throw new InputException($"Compare needs --{argument.Name}=<validate_report.json or experiment folder>, e.g. --{argument.Name}={argument.Example}");
            return BaselineReports.Load(sources.FullPath(path), "--" + argument.Name);
        }

        var from = Read(MlNodeArguments.From);
        var to = Read(MlNodeArguments.To);
        log.Lines(RunComparison.Render(from, to));
    }
}
