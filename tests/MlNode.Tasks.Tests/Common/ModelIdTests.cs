using MlNode.Tasks.Common;

namespace MlNode.Tasks.Tests.Common;

public sealed class ModelIdTests
{
    [Theory]
    [InlineData("Qwen/Qwen3-0.6B", "qwen-qwen3-0.6b")]
    [InlineData("Qwen/Qwen3-235B-A22B-Instruct-2507-FP8", "qwen-qwen3-235b-a22b-instruct-2507-fp8")]
    [InlineData("zai-org/GLM-5.3-Flash", "zai-org-glm-5.3-flash")]
    public void Parse_FullHuggingFaceId_SanitizesLikeTheReferenceLookup(string id, string sanitized)
    {
        var model = ModelId.Parse(id);

        Assert.Equal(id, model.Value);
        Assert.Equal(sanitized, model.Sanitized);
        Assert.Equal(sanitized + ".json", model.ReferenceFileName);
    }

    [Theory]
    [InlineData("A:B/C D", "a-b-c-d")]
    [InlineData("a//b\\\\c", "a-b-c")]
    [InlineData("  Org/Name  ", "org-name")]
    [InlineData("x - y", "x-y")]
    public void Sanitize_Separators_BecomeSingleDashes(string text, string expected)
    {
        Assert.Equal(expected, ModelId.Sanitize(text));
    }

    [Theory]
    [InlineData("qwen 0.6B")]
    [InlineData("Qwen3-0.6B")]
    [InlineData("Qwen/")]
    [InlineData("/Qwen3")]
    [InlineData("Qwen/Qwen3/extra")]
    [InlineData(" Qwen/Qwen3-0.6B")]
    [InlineData("")]
    public void Parse_ShortOrMalformedId_AsksForTheFullId(string id)
    {
        var error = Assert.Throws<InputException>(() => ModelId.Parse(id));

        Assert.Contains("full HuggingFace model id", error.Message);
        Assert.Contains("--model=Qwen/Qwen3-0.6B", error.Message);
    }
}
