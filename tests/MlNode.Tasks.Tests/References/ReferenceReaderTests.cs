using MlNode.Tasks.Common;
using MlNode.Tasks.PoC;
using MlNode.Tasks.References;
using MlNode.Tasks.Tests.Support;
using Newtonsoft.Json.Linq;

namespace MlNode.Tasks.Tests.References;

public sealed class ReferenceReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void Load_RealQwenReference_HasNoStatTestBlockAndEmptyArgs()
    {
        var directory = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(directory is null, "../shared/fixtures/real-references is not present on this machine");

        var reference = ReferenceReader.Load(Path.Combine(directory!, "qwen-qwen3-32b-fp8.json"));

        Assert.Equal("Qwen/Qwen3-32B-FP8", reference.Header.Model.Value);
        Assert.Equal(32, reference.Vectors.Count);
        Assert.Equal(new PocParameters(128, 12, "TEST_BLOCK", 100, "test_pub_keys", 0, 1), reference.Poc);
        Assert.Equal(0.2, reference.Header.DistThreshold);
        Assert.False(reference.Header.HasStatTestBlock);
        Assert.Null(reference.Header.PMismatch);
        Assert.Empty(reference.Header.AdditionalArgs);
        Assert.Null(reference.Header.CollectionBatchSize);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(reference.Header.FilePath!))), reference.Header.Sha256);
    }

    [Fact]
    public void Load_RealGlmReference_HasStatTestBlockAndRealDeployArgs()
    {
        var directory = TestReferences.RealReferencesDirectory();
        Assert.SkipWhen(directory is null, "../shared/fixtures/real-references is not present on this machine");

        var reference = ReferenceReader.Load(Path.Combine(directory!, "zai-org-glm-5.3-flash.first64.json"));

        Assert.Equal("zai-org/GLM-5.3-Flash", reference.Header.Model.Value);
        Assert.Equal(64, reference.Vectors.Count);
        Assert.Equal(Enumerable.Range(0, 64).Select(n => (long)n), reference.Vectors.Select(v => v.Nonce));
        Assert.Equal(1024, reference.Poc.SeqLen);
        Assert.True(reference.Header.HasStatTestBlock);
        Assert.Equal((0.44, 0.1, 0.05), (reference.Header.DistThreshold!.Value, reference.Header.PMismatch!.Value, reference.Header.FraudThreshold!.Value));
        Assert.Equal(21, reference.Header.AdditionalArgs.Count);
        Assert.Equal(["--tensor-parallel-size", "8"], reference.Header.AdditionalArgs.Skip(2).Take(2));
        Assert.Equal("2026-09-08T18:14:20.837058", reference.Header.GeneratedAt);
    }

    public static TheoryData<string, Action<JObject>, string> Defects => new()
    {
        { "missing model", d => d.Remove("model"), "model: required field is missing" },
        { "short model", d => d["model"] = "qwen 0.6B", "not a full org/name" },
        { "missing seq_len", d => d.Remove("seq_len"), "seq_len: required field is missing" },
        { "string k_dim", d => d["k_dim"] = "12", "k_dim: must be an integer" },
        { "zero seq_len", d => d["seq_len"] = 0, "seq_len: must be at least 1" },
        { "missing block_hash", d => d.Remove("block_hash"), "block_hash: required field is missing" },
        { "empty public_key", d => d["public_key"] = string.Empty, "public_key: must not be empty" },
        { "node id past count", d => d["node_id"] = 3, "node_id: 3 must be below node_count" },
        { "negative threshold", d => d["dist_threshold"] = -0.1, "dist_threshold: must be more than 0" },
        { "threshold conflict", d => d["stat_test"] = new JObject { ["dist_threshold"] = 0.3 }, "disagree" },
        { "p_mismatch of one", d => d["stat_test"] = new JObject { ["p_mismatch"] = 1.0 }, "stat_test.p_mismatch: must be in [0, 1)" },
        { "args not strings", d => d["additional_args"] = new JArray(1, 2), "additional_args: must be a list of strings" },
        { "encoding dtype", d => d["encoding"] = new JObject { ["dtype"] = "bf16" }, "encoding.dtype" },
        { "missing artifacts", d => d.Remove("artifacts"), "artifacts: required field is missing" },
        { "empty artifacts", d => d["artifacts"] = new JArray(), "artifacts: the list is empty" },
        { "artifacts not a list", d => d["artifacts"] = "x", "artifacts: must be a list" },
        { "string nonce", d => d["artifacts"]![3]!["nonce"] = "3", "artifacts[3]: nonce must be an integer" },
        { "negative nonce", d => d["artifacts"]![4]!["nonce"] = -4, "artifacts[4] (nonce -4): nonce must not be negative" },
        { "duplicate nonce", d => d["artifacts"]![5]!["nonce"] = 2, "artifacts[5] (nonce 2): duplicate nonce, already at artifacts[2]" },
        { "bad base64", d => d["artifacts"]![6]!["vector_b64"] = "@@@@", "artifacts[6] (nonce 6): vector_b64 is not valid base64" },
        { "short vector", d => d["artifacts"]![7]!["vector_b64"] = "AAAAAAAA", "artifacts[7] (nonce 7): vector_b64 decodes to 6 bytes, expected 24" },
        { "nan value", d => d["artifacts"]![8]!["vector_b64"] = Float16Vector.Encode([float.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]), "artifacts[8] (nonce 8): vector has a non-finite value" },
        { "missing vector", d => ((JObject)d["artifacts"]![9]!).Remove("vector_b64"), "artifacts[9] (nonce 9): vector_b64 must be a base64 string" },
        { "artifact not object", d => d["artifacts"]![10] = 5, "artifacts[10]: expected an object" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public void Load_Defect_IsReportedWithFileAndEntryAndNothingIsThrownRaw(string name, Action<JObject> breakIt, string expected)
    {
        var document = TestReferences.Document();
        breakIt(document);
        var path = TestReferences.Write(_dir.Path, document, name.Replace(' ', '_') + ".json");

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));

        var all = error.Message + "\n" + error.Detail;
        Assert.Contains(path, error.Message);
        Assert.Contains(expected, all);
        Assert.Contains("--target=BakeReference", error.Message);
        Assert.DoesNotContain("\n", error.Message);
    }

    [Theory]
    [InlineData("{ \"model\": ", "not valid JSON")]
    [InlineData("[1, 2]", "not a JSON object")]
    [InlineData("", "not a JSON object")]
    public void Load_NotAReferenceDocument_SaysSo(string content, string expected)
    {
        var path = _dir.Combine("broken.json");
        File.WriteAllText(path, content);

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));

        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("two objects", "{DOC}{DOC}", "invalid after a single JSON value")]
    [InlineData("trailing garbage", "{DOC} garbage", "invalid after a single JSON value")]
    [InlineData("single-quoted key", "{'model': 'A/B'}", "not valid JSON (RFC 8259) at line 1")]
    [InlineData("leading comment", "// baked by hand\n{DOC}", "not valid JSON (RFC 8259) at line 1")]
    [InlineData("trailing comma", "{\"model\": \"A/B\",}", "not valid JSON (RFC 8259)")]
    [InlineData("NaN", "{\"dist_threshold\": NaN}", "not valid JSON (RFC 8259)")]
    public void Load_NotStrictJson_IsRejectedByEveryPath(string name, string template, string expected)
    {
        // Given: a valid reference's text, bent out of RFC 8259 JSON.
        var document = TestReferences.Document(count: 2).ToString(Newtonsoft.Json.Formatting.None);
        var path = _dir.Combine(name.Replace(' ', '_') + ".json");
        File.WriteAllText(path, template.Replace("{DOC}", document, StringComparison.Ordinal));

        // When: a run loads it, and CheckReferences checks it.
        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));
        var check = ReferenceChecker.Check(new ReferenceCatalog([_dir.Path])).Single(c => c.Path == path);

        // Then: both refuse it, for the same reason.
        Assert.Contains(expected, error.Message);
        Assert.False(check.Ok);
        Assert.Contains(expected, check.Problems[0]);
    }

    [Theory]
    [InlineData("block_height", "block_height: must be an integer of at most 64 bits, got integer 123456789012345678901234567890")]
    [InlineData("node_count", "node_count: must be an integer of at most 32 bits")]
    [InlineData("k_dim", "k_dim: must be an integer of at most 32 bits")]
    [InlineData("collection_batch_size", "collection_batch_size: must be an integer of at most 32 bits")]
    public void Check_IntegerBeyondInt64_OneBadFileRowNamingTheFieldAndTheTableSurvives(string field, string expected)
    {
        // Given: a good reference, and one whose field holds an integer no 64-bit number can carry
        TestReferences.Write(_dir.Path, TestReferences.Document(count: 2));
        var document = TestReferences.Document(model: "TestOrg/Huge-1B", count: 2).ToString(Newtonsoft.Json.Formatting.None);
        var bad = _dir.Combine("testorg-huge-1b.json");
        File.WriteAllText(bad, document.Replace("{", "{\"" + field + "\": 123456789012345678901234567890, ", StringComparison.Ordinal).Replace("\"" + field + "\":" + Json(document, field) + ",", string.Empty, StringComparison.Ordinal));

        // When
        var checks = ReferenceChecker.Check(new ReferenceCatalog([_dir.Path]));

        // Then: the good file passes, the bad one is a row that names the field; a run refuses it with one line
        Assert.Equal(2, checks.Count);
        Assert.True(checks.Single(c => c.Path != bad).Ok);
        Assert.True(checks.Single(c => c.Path == bad).Problems.Any(p => p.StartsWith(expected, StringComparison.Ordinal)), string.Join("; ", checks.Single(c => c.Path == bad).Problems));
        Assert.Contains(expected, Assert.Throws<InputException>(() => ReferenceReader.Load(bad)).Message);
    }

    [Theory]
    [InlineData("{\"seq_len\": 64, DOC}", "'seq_len' appears twice in one object")]
    [InlineData("{DOC, \"stat_test\": {\"p_mismatch\": 0.1, \"p_mismatch\": 0.2}}", "'p_mismatch' appears twice in one object")]
    public void Load_NameGivenTwice_IsRefusedNotTheLastValue(string template, string expected)
    {
        var document = TestReferences.Document(count: 2).ToString(Newtonsoft.Json.Formatting.None);
        var path = _dir.Combine("twice.json");
        File.WriteAllText(path, template.Replace("DOC", document[1..^1], StringComparison.Ordinal).Replace("{{", "{", StringComparison.Ordinal));

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Load_ZeroVector_IsRejectedByRunsAsByCheckReferences()
    {
        // Given: an honest reference whose vector 3 is all zeros (it decodes, but is no PoC vector).
        var document = TestReferences.Document(count: 8);
        document["artifacts"]![3]!["vector_b64"] = Convert.ToBase64String(new byte[24]);
        var path = TestReferences.Write(_dir.Path, document);

        // When
        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));
        var check = ReferenceChecker.Check(new ReferenceCatalog([_dir.Path])).Single();

        // Then
        Assert.Contains("artifacts[3] (nonce 3): L2 norm 0.0000 is not 1", error.Message);
        Assert.Contains("artifacts[3] (nonce 3): L2 norm 0.0000 is not 1", check.Problems[0]);
    }

    [Fact]
    public void Load_Directory_SaysItIsADirectory()
    {
        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(_dir.Path));

        Assert.Contains("is a directory", error.Message);
        Assert.DoesNotContain("does not exist", error.Message);
    }

    [Fact]
    public async Task Load_Fifo_IsRefusedWithoutBlocking()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "FIFOs are checked through statx on Linux");
        // Given: a named pipe with no writer (opening it for reading would block forever).
        var path = _dir.Combine("pipe.json");
        Assert.Equal(0, MakeFifo(path, Convert.ToUInt32("600", 8)));

        // When: loaded and checked, on a worker so that a hang fails the test instead of hanging it.
        var load = Task.Run(() => Assert.Throws<InputException>(() => ReferenceReader.Load(path)));
        var check = Task.Run(() => ReferenceChecker.Check(new ReferenceCatalog([_dir.Path])));
        var both = Task.WhenAll(load, check);
        var finished = await Task.WhenAny(both, Task.Delay(TimeSpan.FromSeconds(10)));

        // Then
        Assert.True(finished == both, "reading a FIFO blocked");
        Assert.Contains("is a FIFO (named pipe), not a regular file", (await load).Message);
        Assert.Contains("is a FIFO (named pipe), not a regular file", (await check).Single().Problems[0]);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "mkfifo", SetLastError = true, CharSet = System.Runtime.InteropServices.CharSet.Ansi)]
    private static extern int MakeFifo(string path, uint mode);

    [Fact]
    public void Load_SeveralProblems_CountsThemAndListsThemAsDetail()
    {
        var document = TestReferences.Document();
        document.Remove("seq_len");
        document["artifacts"]![1]!["nonce"] = 0;
        var path = TestReferences.Write(_dir.Path, document);

        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(path));

        Assert.Contains("(and 1 more problem)", error.Message);
        Assert.Contains("duplicate nonce", error.Detail);
    }

    [Fact]
    public void Load_MissingFile_SaysWhereItLooked()
    {
        var error = Assert.Throws<InputException>(() => ReferenceReader.Load(_dir.Combine("nope.json")));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Load_ArtifactsBeforeKDim_StillDecodes()
    {
        var document = TestReferences.Document(count: 4);
        var reordered = new JObject { ["artifacts"] = document["artifacts"] };
        foreach (var property in document.Properties().Where(p => p.Name != "artifacts"))
        {
            reordered[property.Name] = property.Value;
        }

        var path = TestReferences.Write(_dir.Path, reordered);

        Assert.Equal(4, ReferenceReader.Load(path).Vectors.Count);
    }

    [Fact]
    public void WriterThenReader_RoundTripsEveryField()
    {
        var original = ReferenceReader.Load(TestReferences.Write(_dir.Path, TestReferences.Document(collectionBatch: 16, pMismatch: 0.1, fraudThreshold: 0.05)));

        var path = _dir.Combine("roundtrip", "x.json");
        AtomicFile.WriteAllText(path, ReferenceWriter.ToJson(new GoldenReference(original.Header, original.Vectors.Reverse().ToList(), [])));
        var again = ReferenceReader.Load(path);

        Assert.Equal(original.Header.Model, again.Header.Model);
        Assert.Equal(original.Poc, again.Poc);
        Assert.Equal((original.Header.DistThreshold, original.Header.PMismatch, original.Header.FraudThreshold, original.Header.CollectionBatchSize), (again.Header.DistThreshold, again.Header.PMismatch, again.Header.FraudThreshold, again.Header.CollectionBatchSize));
        Assert.Equal(original.Header.AdditionalArgs, again.Header.AdditionalArgs);
        Assert.Equal(original.Vectors.Select(v => (v.Nonce, v.VectorBase64)), again.Vectors.Select(v => (v.Nonce, v.VectorBase64)));
    }

    public void Dispose() => _dir.Dispose();

    // The value text of a top-level field in a compact document, or an empty marker when absent.
    private static string Json(string document, string field) =>
        Newtonsoft.Json.Linq.JObject.Parse(document)[field]?.ToString(Newtonsoft.Json.Formatting.None) ?? "\u0000absent";
}
