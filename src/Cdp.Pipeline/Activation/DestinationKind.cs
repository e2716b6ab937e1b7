namespace Cdp.Pipeline.Activation;

/// <summary>Where a destination sends membership changes.</summary>
public enum DestinationKind
{
    /// <summary>Signed JSON batches POSTed to a URL.</summary>
    Webhook,

    /// <summary>One message per change on a Kafka topic, keyed by customer id.</summary>
    Kafka,

    /// <summary>One CSV and one Parquet file per segment per evaluation, under a folder.</summary>
    Files,
}
