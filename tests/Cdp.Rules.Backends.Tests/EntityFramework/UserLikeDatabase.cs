using Npgsql;

namespace Cdp.Rules.Backends.Tests.EntityFramework;

/// <summary>
/// A new PostgreSQL database set up as a user's server often is, not as ours: a linguistic default collation
/// (ICU en-US, where 'a' sorts before 'B') and a time zone other than UTC.
/// </summary>
public static class UserLikeDatabase
{
    /// <summary>Creates the database on the server and gives the connection string that reaches it.</summary>
    public static string Create(string serverConnectionString, string timeZone)
    {
        var database = "user_" + Guid.NewGuid().ToString("N")[..8];
        using (var admin = new NpgsqlConnection(serverConnectionString))
        {
            admin.Open();
            Execute(admin, $"CREATE DATABASE {database} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
            Execute(admin, $"ALTER DATABASE {database} SET TimeZone TO '{timeZone}'"); // the server's setting, not the client's
        }

        var connectionString = new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = database }.ConnectionString;
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var show = new NpgsqlCommand("SHOW TimeZone", connection);
        if (!string.Equals((string?)show.ExecuteScalar(), timeZone, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"the database did not take the time zone {timeZone}");
        }

        return connectionString;
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
