namespace Cdp.Pipeline.Activation;

/// <summary>
/// One change of a segment's membership, as a destination receives it: a customer <c>entered</c> or <c>exited</c> the
/// segment in the evaluation of <see cref="Version"/> as of <see cref="AsOf"/>. <see cref="Initial"/> marks the full
/// sync a destination receives first (every member then, entered). <see cref="Key"/> is the idempotency key: one per
/// (segment, customer, as-of, change), so a receiver that remembers keys applies each change once.
/// </summary>
public sealed record MembershipChange(string Segment, int Version, DateOnly AsOf, long UserId, string Change, bool Initial, string RuleHash, string Key)
{
    public const string Entered = "entered";
    public const string Exited = "exited";
}
