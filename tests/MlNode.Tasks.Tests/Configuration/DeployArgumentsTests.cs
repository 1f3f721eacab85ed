using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Tests.Configuration;

public sealed class DeployArgumentsTests
{
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
