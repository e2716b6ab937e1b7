namespace Cdp.Testing;

/// <summary>
/// One server or tool (a PostgreSQL cluster, a node process, ...) started once for a test class and
/// stopped after it: <c>IClassFixture&lt;SharedFixture&lt;PostgresServer&gt;&gt;</c>.
/// </summary>
public sealed class SharedFixture<T> : IDisposable
    where T : IDisposable, new()
{
    public T Value { get; } = new();

    public void Dispose() => Value.Dispose();
}
