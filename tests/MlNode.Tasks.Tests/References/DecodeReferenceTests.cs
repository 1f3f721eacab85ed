using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.References;

/// <summary>Decode references (decode-poc.md): the scheme is read from the file, both shapes are checked strictly.</summary>
public sealed class DecodeReferenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Load_DecodeReference_ReadsSchemeMaxTokensAndTrajectories()
    {
        // Given
        var path = TestReferences.Write(_dir.Path, TestReferences.DecodeDocument(count: 8, maxTokens: 16));

        // When
        var reference = ReferenceReader.Load(path);

        // Then
        Assert.Equal(PocScheme.Decode, reference.Header.Scheme);
        Assert.Equal(16, reference.Poc.MaxTokens);
        Assert.Empty(reference.Vectors);
        Assert.Equal(8, reference.Header.Count);
        Assert.Equal(Enumerable.Range(0, 8).Select(n => (long)n), reference.Nonces);
        Assert.All(reference.Trajectories, t => Assert.Equal(17, t.Steps.Count));
        Assert.Equal(0.025, reference.Header.DistThreshold);
    }

    [Fact]
    public void Load_PrefillReferenceNamingNoScheme_IsPrefill()
    {
        var reference = ReferenceReader.Load(TestReferences.Write(_dir.Path, TestReferences.Document(count: 4)));

        Assert.Equal(PocScheme.Prefill, reference.Header.Scheme);
        Assert.Null(reference.Poc.MaxTokens);
        Assert.Empty(reference.Trajectories);
    }

    public static TheoryData<string, Action<JObject>, string> Defects => new()
    {
        { "unknown scheme", d => d["scheme"] = "Decode", "scheme: 'Decode' is no PoC scheme" },
        { "no max_tokens", d => d.Remove("max_tokens"), "max_tokens: required field is missing" },
        { "short trajectory", d => ((JArray)d["artifacts"]![2]!["k_points_steps"]!).RemoveAt(0), "artifacts[2] (nonce 2): k_points_steps has 16 values; max_tokens 16 needs 17" },
        { "index 16", d => d["artifacts"]![3]!["k_points_steps"]![4] = 16, "artifacts[3] (nonce 3): k_points_steps[4] is integer 16, not a codebook index 0..15" },
        { "negative index", d => d["artifacts"]![3]!["k_points_steps"]![0] = -1, "k_points_steps[0] is integer -1" },
        { "fraction", d => d["artifacts"]![3]!["k_points_steps"]![1] = 1.5, "k_points_steps[1] is float 1.5" },
        { "no trajectory", d => ((JObject)d["artifacts"]![1]!).Remove("k_points_steps"), "artifacts[1] (nonce 1): k_points_steps is missing" },
        { "mixed vector", d => d["artifacts"]![5]!["vector_b64"] = "AAAA", "artifacts[5] (nonce 5): carries a vector_b64 in a decode reference; a file mixing vectors and trajectories is invalid" },
        { "duplicate nonce", d => d["artifacts"]![6]!["nonce"] = 2, "artifacts[6] (nonce 2): duplicate nonce" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void Load_DecodeDefect_IsOneProblemNamingTheEntry(string name, Action<JObject> breakIt, string expected)
    {
        var document = TestReferences.DecodeDocument(count: 8);
        breakIt(document);
        var path = TestReferences.Write(_dir.Path, document, name.Replace(' ', '_') + ".json");

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));

        Assert.Contains(expected, error.Message + "\n" + error.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TrajectoriesInAFileNamingNoScheme_IsRefusedNotGuessed()
    {
        // Given: decode artifacts, but the file does not say decode
        var document = TestReferences.DecodeDocument(count: 4);
        document.Remove("scheme");
        document.Remove("max_tokens");

        // When
        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(TestReferences.Write(_dir.Path, document)));

        // Then
        Assert.Contains("carries k_points_steps, but the file is a prefill reference", error.Message + error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_PrefillVectorsWithTrajectories_IsMixingAndRefused()
    {
        var document = TestReferences.Document(count: 4);
        document["artifacts"]![1]!["k_points_steps"] = new JArray(1, 2, 3);

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(TestReferences.Write(_dir.Path, document)));

        Assert.Contains("artifacts[1] (nonce 1): carries k_points_steps", error.Message + error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MaxTokensWithoutScheme_IsRefused()
    {
        var document = TestReferences.Document(count: 4);
        document["max_tokens"] = 16;

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(TestReferences.Write(_dir.Path, document)));

        Assert.Contains("max_tokens: only a decode reference has max_tokens", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_SchemeAfterTheArtifacts_SaysWhereToWriteIt()
    {
        // Given: a decode file whose scheme comes last, after a prefill-looking header was streamed
        var document = TestReferences.DecodeDocument(count: 4);
        var scheme = document["scheme"]!;
        var maxTokens = document["max_tokens"]!;
        document.Remove("scheme");
        document.Remove("max_tokens");
        document.Add("scheme", scheme);
        document.Add("max_tokens", maxTokens);

        // When
        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(TestReferences.Write(_dir.Path, document)));

        // Then: not read as prefill, and not guessed either
        Assert.Contains("before artifacts", error.Message + error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_DecodeReference_RoundTripsThroughTheReader()
    {
        // Given
        var original = ReferenceReader.Load(TestReferences.Write(_dir.Path, TestReferences.DecodeDocument(count: 5, maxTokens: 8), "in.json"));

        // When
        var path = _dir.Combine("testorg-tiny-poc-1b.json");
        File.WriteAllText(path, ReferenceWriter.ToJson(original));
        var again = ReferenceReader.Load(path);
        var text = File.ReadAllText(path);

        // Then
        Assert.Equal(original.Poc, again.Poc);
        Assert.Equal(original.Trajectories.Select(t => (t.Nonce, string.Join(",", t.Steps))), again.Trajectories.Select(t => (t.Nonce, string.Join(",", t.Steps))));
        Assert.Contains("\"scheme\": \"decode\"", text, StringComparison.Ordinal);
        Assert.Equal(["model", "scheme", "max_tokens", "seq_len"], JObject.Parse(text).Properties().Select(p => p.Name).Take(4));
        Assert.DoesNotContain("vector_b64", text, StringComparison.Ordinal);
        Assert.DoesNotContain("encoding", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PrefillReference_KeepsThePublishedLayoutAndNamesNoScheme()
    {
        // Given
        var reference = ReferenceReader.Load(TestReferences.Write(_dir.Path, TestReferences.Document(count: 2), "in.json"));

        // When
        var keys = JObject.Parse(ReferenceWriter.ToJson(reference)).Properties().Select(p => p.Name).ToList();

        // Then: the header in the published order (mlnode-api.md §5), no scheme or max_tokens, the artifacts last
        Assert.Equal(["model", "seq_len", "k_dim", "block_hash", "block_height", "public_key", "node_id", "node_count"], keys.Take(8));
        Assert.DoesNotContain("scheme", keys);
        Assert.DoesNotContain("max_tokens", keys);
        Assert.Equal("artifacts", keys[^1]);
    }

    [Fact]
    public void Check_BothSchemes_TheTableSaysWhichEachFileIs()
    {
        TestReferences.Write(_dir.Path, TestReferences.DecodeDocument(model: "Org/Decode-Model", count: 3));
        TestReferences.Write(_dir.Path, TestReferences.Document(model: "Org/Prefill-Model", count: 3));

        var table = ReferenceChecker.Render(ReferenceChecker.Check(new ReferenceCatalog([_dir.Path])), _dir.Path);

        var lines = table.Split('\n');
        Assert.Contains("scheme", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("org-decode-model.json", StringComparison.Ordinal) && l.Contains("decode (max_tokens 16)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("org-prefill-model.json", StringComparison.Ordinal) && l.Contains("prefill", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
