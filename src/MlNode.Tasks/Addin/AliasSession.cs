using Cake.Core;
using MlNode.Tasks.Cake;
using MlNode.Tasks.Ci;
using MlNode.Tasks.Common;
using MlNode.Tasks.Configuration;
using MlNode.Tasks.Engine;
using MlNode.Tasks.Running;

namespace MlNode.Tasks.Addin;

/// <summary>
/// What one alias call shares with the task graph's own runs: secrets masked before anything prints, lines in Cake's
/// log (grouped on the CI system), the CI system's reporter, Ctrl-C as a cancellation that stops generation and keeps
/// the partial report, and one engine. The alias resolves its settings here and hands them to the same runner the
/// task uses.
/// </summary>
internal sealed class AliasSession : IDisposable
{
    private readonly ICakeContext _context;
    private readonly Interruption _interruption;

    public AliasSession(ICakeContext context)
    {
        _context = context;
        Pipeline = PipelineDetection.Detect(context, Console.Out);
        Log = new PipelineLog(new CakeRunLog(context.Log, Redactor), Pipeline);
        _interruption = new Interruption(Log.Line);
        Engine = new PipelineEngine(Log, Redactor, Time, _interruption.Token);
    }

    /// <summary>Gets the masker of the call's secrets.</summary>
    public SecretRedactor Redactor { get; } = new();

    /// <summary>Gets where the call's lines go.</summary>
    public IRunLog Log { get; }

    /// <summary>Gets the CI system the script runs under (or none).</summary>
    public IPipelineReporter Pipeline { get; }

    /// <summary>Gets the clock.</summary>
    public TimeProvider Time => TimeProvider.System;

    /// <summary>Gets the token Ctrl-C and SIGTERM fire.</summary>
    public CancellationToken Interrupt => _interruption.Token;

    /// <summary>Gets the engine every node run of the call goes through.</summary>
    public PipelineEngine Engine { get; }

    /// <summary>Gets the settings' raw inputs, once resolved.</summary>
    public SettingsSources? Sources { get; private set; }

    /// <summary>Resolves the settings as the task pack's inputs; bad settings are one-line Cake failures with exit code 1.</summary>
    public T Resolve<T>(MlNodeArgumentsBase settings, Func<SettingsSources, SecretRedactor, T> resolve)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resolve);
        return Guard(() =>
        {
            Sources = settings.Sources(_context);
            CakeInputs.RegisterSecrets(Sources, Redactor);
            return resolve(Sources, Redactor);
        });
    }

    /// <summary>Runs a runner on the script's thread; an input error found on the way (a refused schedule) is the same one-line Cake failure.</summary>
    public T Run<T>(Func<Task<T>> runner) => Guard(() => runner().GetAwaiter().GetResult());

    /// <inheritdoc />
    public void Dispose() => _interruption.Dispose();

    private static T Guard<T>(Func<T> body)
    {
        try
        {
            return body();
        }
        catch (InputException ex)
        {
            throw new CakeException(ExitCodes.Error, "ERROR: " + ex.Message);
        }
    }
}
