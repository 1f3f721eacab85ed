using System.Diagnostics;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Architecture;

/// <summary>src/BannedSymbols.txt is enforced by the build: shipped code that reads the real clock or ends the process does not compile.</summary>
[Trait("Category", "Integration")]
public sealed class BannedApiTests : IDisposable
{
    private readonly TempDirectory _root = new();

    [Theory]
    [InlineData("System.DateTimeOffset.Now", "DateTimeOffset.Now")]
    [InlineData("System.Environment.Exit(3)", "Environment.Exit(int)")]
    [InlineData("System.Threading.Thread.Sleep(10)", "Thread.Sleep(int)")]
    public async Task Build_ProjectUnderSrcRulesCallingABannedApi_FailsNamingIt(string call, string symbol)
    {
        // Given: a project with src/'s build rules whose one method makes the call
        var src = Path.Combine(RepositoryPaths.Root, "src");
        File.WriteAllText(_root.Combine("Directory.Build.props"), $"""
            <Project>
              <PropertyGroup><DirectoryPackagesPropsPath>{Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")}</DirectoryPackagesPropsPath></PropertyGroup>
              <Import Project="{Path.Combine(src, "Directory.Build.props")}" />
              <PropertyGroup><ArtifactsPath>{_root.Combine("artifacts")}</ArtifactsPath></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(_root.Combine("Probe.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Library</OutputType></PropertyGroup></Project>");
        File.WriteAllText(_root.Combine("Probe.cs"), $"namespace Probe;\n\n/// <summary>Probe.</summary>\npublic static class Banned\n{{\n    /// <summary>Probe.</summary>\n    public static void Call()\n    {{\n        {(call.EndsWith(')') ? call : "_ = " + call)};\n    }}\n}}\n");

        // When
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", _root.Combine("Probe.csproj"), "-nologo", "-v", "quiet", "-tl:off"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await build.StandardOutput.ReadToEndAsync() + await build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();

        // Then
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("RS0030", output);
        Assert.Contains($"'{symbol}' is banned", output);
    }

    public void Dispose() => _root.Dispose();
}
