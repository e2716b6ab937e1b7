namespace Cdp.Benchmarks.Suite;

/// <summary>One way to count a rule's members: prepared once per rule (compile, plan), then run and timed.</summary>
/// <param name="Name">How the results name it.</param>
/// <param name="Prepare">Given a rule, the counting to time (null: this backend does not run at this size, with <paramref name="Skipped"/> saying why).</param>
/// <param name="Sample">Time it on this many rows only and scale up (a peer too slow for every row).</param>
public sealed record Backend(string Name, Func<SuiteRule, Func<long>?> Prepare, int? Sample = null, string? Skipped = null);
