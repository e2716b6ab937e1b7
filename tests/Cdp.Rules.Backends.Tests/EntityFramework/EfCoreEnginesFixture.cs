using Cdp.Rules.Backends.Tests.Engines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>
/// EF Core over SQLite (in memory, one open connection) and over a real PostgreSQL database set up as a user's
/// server often is, not as ours: a linguistic default collation (ICU en-US, where 'a' sorts before 'B') and a
/// time zone far from UTC (Pacific/Chatham, +13:45), so that every text order and every timestamp compare
/// that leans on the server's settings would give another answer.
/// </summary>
public sealed class EfCoreEnginesFixture : IDisposable
{
    private readonly SqliteConnection _sqlite;

    public EfCoreEnginesFixture()
    {
        _sqlite = new SqliteConnection("Data Source=:memory:");
        _sqlite.Open();
        Sqlite = new EfCoreEngine("EF Core (SQLite)", new DbContextOptionsBuilder<ProfilesContext>().UseSqlite(_sqlite).Options);
        using (var context = Sqlite.NewContext())
        {
            context.Database.EnsureCreated();
        }

        PostgresConnectionString = UserLikeDatabase.Create(Server.ConnectionString, "Pacific/Chatham");
        PostgreSql = new EfCoreEngine("EF Core (PostgreSQL)", new DbContextOptionsBuilder<ProfilesContext>().UseNpgsql(PostgresConnectionString).Options);
        using (var context = PostgreSql.NewContext())
        {
            context.Database.EnsureCreated();
        }
    }

    public PostgresServer Server { get; } = new();

    public string PostgresConnectionString { get; }

    public EfCoreEngine Sqlite { get; }

    public EfCoreEngine PostgreSql { get; }

    public void Dispose()
    {
        _sqlite.Dispose();
        NpgsqlConnection.ClearAllPools();
        Server.Dispose();
    }
}
