using System.Security.Cryptography;
using System.Text;

namespace Cdp.Rules;

/// <summary>
/// What a v2 rule needs beyond the catalog's metrics: an event aggregate, or a reference to a saved segment. Profile
/// targets read it as a column of this <see cref="Name"/>; whoever computes profiles computes that column too.
/// </summary>
/// <param name="Name">The stable column name, derived from the aggregate's canonical text (or the segment's name): the same text gives the same name, always.</param>
/// <param name="Type">The column's type (a segment reference is a boolean, never NULL).</param>
/// <param name="Text">The aggregate's canonical text, or <c>in_segment('name')</c>.</param>
/// <param name="Segment">The segment's name for a segment reference; null for an aggregate.</param>
public sealed record DerivedMetric(string Name, MetricType Type, string Text, string? Segment = null)
{
    /// <summary>The column as a catalog entry, for a catalog of profiles that hold it.</summary>
    public MetricDefinition Definition => new(Name, Type, Text);

    /// <summary>The stable name of an aggregate's canonical text: <c>agg_</c> and 12 hex digits of its SHA-256.</summary>
    public static string AggregateName(string canonicalText) => "agg_" + Hash(canonicalText);

    /// <summary>The stable name of a segment reference: <c>seg_</c> and 12 hex digits of the name's SHA-256.</summary>
    public static string SegmentName(string segment) => "seg_" + Hash(segment);

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
