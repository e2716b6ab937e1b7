namespace Cdp.Pipeline.Lake;

/// <summary>A second home for lake files (HDFS): every file the writer completes is published there too, before the ingest counts it as durable.</summary>
public interface ILakeReplica
{
    /// <summary>Publishes a completed local file under its path relative to the data folder (e.g. <c>events/event_date=.../part-...parquet</c>).</summary>
    Task PublishAsync(string relativePath, string localFile, CancellationToken cancellationToken);
}
