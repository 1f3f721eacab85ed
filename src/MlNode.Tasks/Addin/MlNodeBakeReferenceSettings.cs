using Cake.Core;
using Cake.Core.IO;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>Settings of <see cref="MlNodeAliases.MlNodeBakeReference"/>: bake a golden reference from a trusted node.</summary>
public sealed class MlNodeBakeReferenceSettings : MlNodeSettingsBase
{
    /// <summary>Gets or sets the file to write (default: <c>references/&lt;sanitized model&gt;.json</c>).</summary>
    public FilePath? OutputFile { get; set; }

    /// <summary>Gets the consensus-default vLLM args to record and deploy with.</summary>
    public IList<string> AdditionalArgs { get; } = [];

    /// <summary>Gets or sets whether an existing file may be replaced (still atomically).</summary>
    public bool Force { get; set; }

    /// <inheritdoc />
    private protected override void AddOwn(Action<ArgumentDefinition, string?> add, ICakeContext context)
    {
        add(MlNodeArguments.Out, PathOf(context, OutputFile));
        add(MlNodeArguments.AdditionalArgs, AdditionalArgs.Count == 0 ? null : Newtonsoft.Json.JsonConvert.SerializeObject(AdditionalArgs));
        add(MlNodeArguments.Force, Force ? "true" : null);
    }
}
