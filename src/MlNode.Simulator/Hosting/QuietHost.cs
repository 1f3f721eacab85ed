namespace MlNode.Simulator.Hosting;

/// <summary>The web host every simulated service runs on: nothing logged, no configuration file watched.</summary>
internal static class QuietHost
{
    /// <summary>
    /// A slim builder that reads no appsettings file for changes: each watcher is an inotify instance, and Linux allows
    /// 128 per user, so a thousand simulated nodes in one process (or a few hundred beside other tests) would not start.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(Type owner)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = owner.Assembly.GetName().Name,
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
        });
        builder.Logging.ClearProviders();

        // A hung request must not hold up shutdown for the default 30 s.
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(1));
        return builder;
    }
}
