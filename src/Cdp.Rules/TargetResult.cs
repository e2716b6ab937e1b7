namespace Cdp.Rules;

/// <summary>The output of a compile target, or the diagnostics that say why it could not be produced.</summary>
public sealed class TargetResult<T>
    where T : class
{
    /// <summary>
    /// A target's answer: its output, or null with the diagnostics that say why (a target of your own returns
    /// results of this type too, so callers treat every target alike).
    /// </summary>
    public TargetResult(T? output, IReadOnlyList<Diagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (output is null && diagnostics.Count == 0)
        {
            throw new ArgumentException("a target result without output needs the diagnostics that say why", nameof(diagnostics));
        }

        Output = output;
        Diagnostics = diagnostics;
    }

    /// <summary>The compiled form, or null when there are diagnostics.</summary>
    public T? Output { get; }

    /// <summary>What the target could not express or bind.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when <see cref="Output"/> is there.</summary>
    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Output))]
    public bool Succeeded => Output is not null;

    /// <summary>The output, or an exception that lists the diagnostics (for callers that treat a failure as a bug).</summary>
    public T GetOutputOrThrow() => Output ?? throw new InvalidOperationException(
        "The rule could not be compiled: " + string.Join("; ", Diagnostics.Select(d => d.ToString())));
}
