using System.Diagnostics;
using System.Text.RegularExpressions;

namespace MlNode.Tasks.Tests.Support;

/// <summary>
/// Runs a CI job's shell commands as a runner would: bash, from a scratch folder, with the job's environment, with
/// <c>./build.sh</c> meaning the repository's. The commands come from the sample files in docs/ci, read as text.
/// </summary>
internal static class CiJob
{
    /// <summary>The <c>run: |</c> block of the GitHub Actions step named <paramref name="step"/>, dedented.</summary>
    public static string GitHubRun(string workflow, string step)
    {
        var lines = workflow.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == $"- name: {step}" || l.Trim() == $"name: {step}");
        Assert.True(start >= 0, $"no step named '{step}'");
        var run = Array.FindIndex(lines, start, l => Regex.IsMatch(l, @"^\s+run: \|\s*$"));
        return Block(lines, run);
    }

    /// <summary>The <c>script:</c> items of a GitLab job (plain items and <c>- |</c> blocks), as one script.</summary>
    public static string GitLabScript(string pipeline, string job)
    {
        var lines = pipeline.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd() == $"{job}:");
        Assert.True(start >= 0, $"no job named '{job}'");
        var script = Array.FindIndex(lines, start, l => l.Trim() == "script:");
        var indent = Indent(lines[script]);
        var commands = new List<string>();
        for (var i = script + 1; i < lines.Length && (lines[i].Trim().Length == 0 || Indent(lines[i]) > indent); i++)
        {
            var item = lines[i].Trim();
            if (item == "- |")
            {
                commands.Add(Block(lines, i));
                var itemIndent = Indent(lines[i]);
                while (i + 1 < lines.Length && (lines[i + 1].Trim().Length == 0 || Indent(lines[i + 1]) > itemIndent))
                {
                    i++;
                }
            }
            else if (item.StartsWith("- ", StringComparison.Ordinal))
            {
                commands.Add(item[2..]);
            }
        }

        return string.Join('\n', commands);
    }

    /// <summary>Runs the script with bash in <paramref name="workingDirectory"/>; null values remove a variable.</summary>
    public static async Task<CakeRun> RunAsync(string script, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -e\n" + script.Replace("./build.sh", "\"$REPO/build.sh\"", StringComparison.Ordinal));
        start.Environment["REPO"] = RepositoryPaths.Root;
        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new CakeRun(process.ExitCode, await stdout, await stderr);
    }

    private static string Block(string[] lines, int header)
    {
        var indent = Indent(lines[header]);
        var body = new List<string>();
        for (var i = header + 1; i < lines.Length && (lines[i].Trim().Length == 0 || Indent(lines[i]) > indent); i++)
        {
            body.Add(lines[i]);
        }

        var strip = body.Where(l => l.Trim().Length > 0).Min(Indent);
        return string.Join('\n', body.Select(l => l.Length >= strip ? l[strip..] : l.Trim())).Trim();
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;
}
