using System.Globalization;
using Cake.Core;
using Cake.Core.IO;
using MlNode.Tasks.Configuration;

namespace MlNode.Tasks.Addin;

/// <summary>Settings of <see cref="MlNodeAliases.MlNodeValidate"/>: the whole pipeline (Report semantics) against one node.</summary>
public sealed class MlNodeValidateSettings : MlNodeSettingsBase
{
    /// <summary>Gets or sets the golden reference file (default: the model's reference in <see cref="ReferencesPath"/>).</summary>
    public FilePath? Reference { get; set; }

    /// <summary>Gets or sets where references are looked up (default: <c>references</c> under the working directory).</summary>
    public DirectoryPath? ReferencesPath { get; set; }

    /// <summary>Gets or sets the root of the experiment folders (default: <c>data/experiments</c>).</summary>
    public DirectoryPath? ExperimentsRoot { get; set; }

    /// <summary>Gets or sets the throughput gate in nonces/s, or null for none.</summary>
    public double? MinThroughput { get; set; }

    /// <summary>Gets or sets the baseline run (a report, its folder, or <c>auto</c>), or null for none.</summary>
    public string? Baseline { get; set; }

    /// <summary>Gets or sets whether a run that did not pass (exit code other than 0) throws a <see cref="CakeException"/>
    /// carrying the contract's exit code, so the tasks that depend on the validation do not run.</summary>
    public bool ThrowOnFailure { get; set; }

    /// <inheritdoc />
    private protected override void AddOwn(Action<ArgumentDefinition, string?> add, ICakeContext context)
    {
        add(MlNodeArguments.Reference, PathOf(context, Reference));
        add(MlNodeArguments.ReferencesPath, PathOf(context, ReferencesPath));
        add(MlNodeArguments.ExperimentsRoot, PathOf(context, ExperimentsRoot));
        add(MlNodeArguments.MinThroughput, MinThroughput?.ToString("R", CultureInfo.InvariantCulture));
        add(MlNodeArguments.Baseline, Baseline);
    }
}
