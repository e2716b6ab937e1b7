namespace Cdp.Pipeline.Events;

/// <summary>What <see cref="EventGenerator"/> makes: about <paramref name="Events"/> events of <paramref name="Users"/> users over <paramref name="Days"/> days from <paramref name="Start"/>.</summary>
public sealed record GeneratorOptions(long Events, int Users, int Days, DateOnly Start, int Seed)
{
    /// <summary>The day (0-based) with the purchase spike, like 2019-11-17 in the real data: the middle of the range.</summary>
    public int SpikeDay => Days / 2;
}
