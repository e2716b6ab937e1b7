namespace Cdp.Pipeline.Kafka;

/// <summary>Topic names of the events path.</summary>
public static class KafkaTopics
{
    /// <summary>Where events go, keyed by user_id.</summary>
    public const string Events = "events";

    /// <summary>Where the ingest worker puts messages it refuses, with the reason in a header.</summary>
    public static string DeadLetter(string topic) => topic + ".dead-letter";
}
