using Cdp.Pipeline.Events;
using Microsoft.Extensions.Options;

namespace Cdp.Host.Services;

/// <summary>The source file, opened once (its line index is built at start).</summary>
public sealed class EventSourceHolder(IOptions<CdpHostOptions> options)
{
    private readonly Lazy<EventSourceFile?> _file = new(() => options.Value.SourceFile is { } path ? new EventSourceFile(path) : null);

    public EventSourceFile? File => _file.Value;
}
