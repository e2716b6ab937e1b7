using System.Text.RegularExpressions;

namespace Cdp.Pipeline.Activation;

/// <summary>The checks of a destination an editor asks for: each mistake in words, naming the field.</summary>
public static partial class DestinationCheck
{
    /// <summary>The destination to save, or the first problem with the request.</summary>
    public static (Destination? Destination, string? Problem) Check(DestinationRequest request, string owner, HostPolicy hosts)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(hosts);
        if (DestinationNames.NameProblem(request.Name) is { } nameProblem)
        {
            return (null, nameProblem);
        }

        if (!Enum.TryParse<DestinationKind>(request.Kind, ignoreCase: true, out var kind) || !Enum.IsDefined(kind) || int.TryParse(request.Kind, out _))
        {
            return (null, "`kind` must be webhook, kafka or files");
        }

        if (request.MaxAttempts is < 1 or > 100)
        {
            return (null, "`maxAttempts` must be between 1 and 100");
        }

        if (request.BatchSize is < 1 or > Destination.MaxBatchSize)
        {
            return (null, $"`batchSize` must be between 1 and {Destination.MaxBatchSize}");
        }

        var segments = request.Segments ?? [];
        if (segments.Select(DestinationNames.SegmentProblem).FirstOrDefault(p => p is not null) is { } segmentProblem)
        {
            return (null, segmentProblem);
        }

        var (target, problem) = kind switch
        {
            DestinationKind.Webhook => (request.Url, hosts.Problem(request.Url, "url") ?? (string.IsNullOrEmpty(request.Secret) ? "a webhook needs a `secret`: its requests are signed with it" : null)),
            DestinationKind.Kafka => (request.Topic ?? Destination.DefaultTopic, TopicProblem(request.Topic ?? Destination.DefaultTopic)),
            _ => (request.Path, FolderProblem(request.Path, hosts)),
        };
        if (problem is not null)
        {
            return (null, problem);
        }

        return (new Destination(request.Name!, kind, target!, kind == DestinationKind.Webhook ? request.Secret : null, [.. segments.Distinct(StringComparer.Ordinal)],
            request.MaxAttempts ?? Destination.DefaultMaxAttempts, request.BatchSize ?? Destination.DefaultBatchSize, owner, DateTime.UtcNow), null);
    }

    private static string? TopicProblem(string topic) =>
        TopicName().IsMatch(topic) && topic is not "." and not ".." ? null : "`topic` must be 1 to 249 letters, digits, '.', '_' or '-'";

    private static string? FolderProblem(string? path, HostPolicy hosts)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "a files destination needs a `path`: a folder, or a WebHDFS location such as http://namenode:9870/cdp/activation";
        }

        if (path.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return hosts.Problem(path, "path", httpsElsewhere: false);
        }

        return path.Contains('\0', StringComparison.Ordinal) || !Path.IsPathFullyQualified(path) ? "`path` must be an absolute folder path" : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,249}$")]
    private static partial Regex TopicName();
}
