namespace Cdp.Pipeline.Activation;

/// <summary>
/// A destination as an editor asks for it (the API's JSON, the command line's options), not yet checked: <c>url</c> for
/// a webhook, <c>topic</c> for Kafka, <c>path</c> for files (a folder, or a WebHDFS location <c>http://namenode:9870/folder</c>).
/// </summary>
public sealed record DestinationRequest(
    string? Name,
    string? Kind,
    string? Url = null,
    string? Secret = null,
    string? Topic = null,
    string? Path = null,
    IReadOnlyList<string>? Segments = null,
    int? MaxAttempts = null,
    int? BatchSize = null);
