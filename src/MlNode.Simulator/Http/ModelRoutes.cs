using MlNode.Simulator.State;
using Newtonsoft.Json.Linq;

namespace MlNode.Simulator.Http;

/// <summary>The model cache routes (mlnode-api.md §1).</summary>
internal static class ModelRoutes
{
    public static void Map(IEndpointRouteBuilder app, ModelCache cache)
    {
        app.MapPost("/api/v1/models/status", async (HttpRequest request) =>
        {
            var (repo, commit, error) = await ReadModelAsync(request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            var (status, started, elapsed, message) = cache.Status(repo!);
            return Json.Ok(new JObject
            {
                ["model"] = Model(repo!, commit),
                ["status"] = status,
                ["progress"] = started is null ? null : new JObject { ["start_time"] = started.Value.ToUnixTimeMilliseconds() / 1000.0, ["elapsed_seconds"] = Math.Round(elapsed ?? 0, 3) },
                ["error_message"] = message,
            });
        });

        app.MapPost("/api/v1/models/download", async (HttpRequest request) =>
        {
            var (repo, commit, error) = await ReadModelAsync(request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            JObject Reply(string status) => new()
            {
                ["task_id"] = $"{repo}:{commit ?? "latest"}",
                ["status"] = status,
                ["model"] = Model(repo!, commit),
            };

            return cache.Start(repo!) switch
            {
                ModelCache.StartResult.Started => Json.Result(StatusCodes.Status202Accepted, Reply("DOWNLOADING")),
                ModelCache.StartResult.AlreadyCached => Json.Result(StatusCodes.Status202Accepted, Reply("DOWNLOADED")),
                ModelCache.StartResult.Ignored => Json.Result(StatusCodes.Status202Accepted, Reply("IGNORED")),
                ModelCache.StartResult.AlreadyDownloading => Json.Detail(StatusCodes.Status409Conflict, $"Model {repo} is already being downloaded"),
                _ => Json.Detail(StatusCodes.Status429TooManyRequests, "Too many concurrent downloads (max 3); try again later"),
            };
        });

        app.MapDelete("/api/v1/models", async (HttpRequest request) =>
        {
            var (repo, commit, error) = await ReadModelAsync(request).ConfigureAwait(false);
            if (error is not null)
            {
                return error;
            }

            return cache.Delete(repo!) is { } outcome
                ? Json.Ok(new JObject { ["status"] = outcome, ["model"] = Model(repo!, commit) })
                : Json.Detail(StatusCodes.Status404NotFound, $"Model {repo} not found in cache");
        });

        app.MapGet("/api/v1/models/list", () => Json.Ok(new JObject
        {
            ["models"] = new JArray(cache.List().Select(m => new JObject { ["model"] = Model(m.Repo, null), ["status"] = m.Status })),
        }));

        app.MapGet("/api/v1/models/space", () => Json.Ok(new JObject
        {
            ["cache_size_gb"] = Math.Round(cache.List().Count * 15.2, 1),
            ["available_gb"] = 1843.7,
            ["cache_path"] = "/root/.cache/huggingface/hub",
        }));
    }

    private static JObject Model(string repo, string? commit) => new() { ["hf_repo"] = repo, ["hf_commit"] = commit };

    private static async Task<(string? Repo, string? Commit, IResult? Error)> ReadModelAsync(HttpRequest request)
    {
        var reader = BodyReader.Parse(await Routes.ReadAsync(request).ConfigureAwait(false), out var parseError);
        if (reader is null)
        {
            return (null, null, parseError);
        }

        var repo = reader.String(reader.Body, ["body"], "hf_repo");
        var commit = reader.String(reader.Body, ["body"], "hf_commit", required: false);
        return reader.HasErrors ? (null, null, reader.Problems()) : (repo, commit, null);
    }
}
