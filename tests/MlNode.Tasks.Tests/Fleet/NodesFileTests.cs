using MlNode.Tasks.Common;
using MlNode.Tasks.Fleet;
using MlNode.Tasks.Tests.Support;

namespace MlNode.Tasks.Tests.Fleet;

public sealed class NodesFileTests
{
    [Theory]
    [InlineData("10.0.0.7", 8080, "", "http://10.0.0.7:8080")]
    [InlineData("https://gpu7.example.com", 443, "/mlnode", "https://gpu7.example.com:443/mlnode")]
    [InlineData("gpu7", 8080, "api/", "http://gpu7:8080/api")]
    public void Load_NodeWithHostPortAndSegment_BaseUrlAsTheNetworkNodeBuildsIt(string host, int port, string segment, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("nodes.json");
        File.WriteAllText(path, """[{"id":"n1","host":"HOST","poc_port":PORT,"poc_segment":"SEGMENT","models":{"Org/M":{"args":["--tp","2"]}}}]"""
            .Replace("HOST", host, StringComparison.Ordinal).Replace("PORT", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal).Replace("SEGMENT", segment, StringComparison.Ordinal));

        var node = Assert.Single(NodesFile.Load(path).Nodes);

        Assert.Equal(expected, node.BaseUrl);
        Assert.Equal(["--tp", "2"], node.Models.Single().Value);
    }

    [Theory]
    [InlineData("{}", "not a JSON array")]
    [InlineData("[]", "lists no nodes")]
    [InlineData("""[{"host":"h","poc_port":1,"models":{}}]""", "has no 'id'")]
    [InlineData("""[{"id":"a","poc_port":1,"models":{}}]""", "has no 'host'")]
    [InlineData("""[{"id":"a","host":"h","models":{}}]""", "'poc_port' must be a port")]
    [InlineData("""[{"id":"a","host":"h","poc_port":8080}]""", "has no 'models'")]
    [InlineData("""[{"id":"a","host":"h","poc_port":8080,"models":{}}""", "not a JSON array")]
    public void Load_BrokenFile_OneLineInputError(string json, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.Combine("nodes.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<InputException>(() => NodesFile.Load(path));

        Assert.Contains(expected, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Load_Directory_RefusedWithoutReading()
    {
        using var dir = new TempDirectory();

        Assert.Contains("is a directory", Assert.Throws<InputException>(() => NodesFile.Load(dir.Path)).Message);
    }
}
