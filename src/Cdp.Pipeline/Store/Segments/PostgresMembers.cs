using Cdp.Rules;
using Npgsql;

namespace Cdp.Pipeline.Store.Segments;

/// <summary>The members (or their number) of a rule's segment in a PostgreSQL profiles table: the PostgreSQL SQL target, run.</summary>
public static class PostgresMembers
{
    public static IReadOnlyList<long> Of(NpgsqlConnection connection, string table, Rule rule, RuleClock clock)
    {
        var query = SqlTarget.Select(rule, SqlDialect.PostgreSql, clock, table);
        using var command = new NpgsqlCommand(query.Text + " ORDER BY user_id", connection);
        foreach (var parameter in query.Parameters)
        {
            command.Parameters.Add(PostgresParameters.For(parameter));
        }

        var members = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            members.Add(reader.GetInt64(0));
        }

        return members;
    }

    public static long Count(NpgsqlConnection connection, string table, Rule rule, RuleClock clock)
    {
        var condition = SqlTarget.Condition(rule, SqlDialect.PostgreSql, clock);
        using var command = new NpgsqlCommand($"SELECT count(*) FROM {SqlDialect.PostgreSql.QuoteIdentifier(table)} WHERE {condition.Text}", connection);
        foreach (var parameter in condition.Parameters)
        {
            command.Parameters.Add(PostgresParameters.For(parameter));
        }

        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
