using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class DeployArgumentsTests
{
    [Fact]
    public void Display_AnArgOfAMegabyte_IsCutWithItsLengthOnTheConsole()
    {
        var shown = DeployArguments.Display(["--x", new string('a', 1_000_000)]);

        Assert.StartsWith("[--x, aaaa", shown);
        Assert.EndsWith("... (1000000 characters)]", shown);
        Assert.InRange(shown.Length, 200, 260);
    }

    [Fact]
    public void ParseJsonList_NotAListOfStrings_OneErrorNamingTheArgument()
    {
        var error = Assert.Throws<MlNode.Tasks.Common.InputException>(() => DeployArguments.ParseJsonList("[\"--x\", 5]", MlNodeArguments.NodeArgs, "'[]'"));

        Assert.StartsWith("--node-args must be a JSON list of strings, got array", error.Message);
    }

    [Fact]
    public void AddOrUpdate_ExistingFlag_ValueIsReplacedInPlace()
    {
        var args = DeployArguments.AddOrUpdate(["--revision", "abc", "--tensor-parallel-size", "8", "--trust-remote-code"], "--tensor-parallel-size", "4");

        Assert.Equal(["--revision", "abc", "--tensor-parallel-size", "4", "--trust-remote-code"], args);
    }

    [Fact]
    public void AddOrUpdate_EqualsForm_KeepsItsForm()
    {
        Assert.Equal(["--max-model-len=8192", "--x"], DeployArguments.AddOrUpdate(["--max-model-len=4096", "--x"], "--max-model-len", "8192"));
    }

    [Fact]
    public void AddOrUpdate_FlagTwice_KeepsOneOccurrence()
    {
        var args = DeployArguments.AddOrUpdate(["--tensor-parallel-size", "8", "--a", "--tensor-parallel-size=2"], "--tensor-parallel-size", "4");

        Assert.Equal(["--tensor-parallel-size", "4", "--a"], args);
    }

    [Fact]
    public void AddOrUpdate_AbsentFlag_IsAppended()
    {
        Assert.Equal(["--a", "--max-model-len", "240000"], DeployArguments.AddOrUpdate(["--a"], "--max-model-len", "240000"));
    }

    [Fact]
    public void Compose_OverridesThenExtraArgs_InTheContractsOrder()
    {
        var args = DeployArguments.Compose(["--tensor-parallel-size", "8", "--kv-cache-dtype", "fp8"], 4, 32768, ["--enforce-eager", "--seed", "1"]);

        Assert.Equal(["--tensor-parallel-size", "4", "--kv-cache-dtype", "fp8", "--max-model-len", "32768", "--enforce-eager", "--seed", "1"], args);
    }

    [Fact]
    public void Compose_NoOverrides_KeepsTheReferenceArgsAsIs()
    {
        string[] reference = ["--tensor-parallel-size", "8"];

        Assert.Equal(reference, DeployArguments.Compose(reference, null, null, []));
    }
}
