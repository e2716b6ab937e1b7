using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cdp.Host.Apis;

/// <summary>
/// A day given to the API (<c>asOf</c> and the like): <c>yyyy-MM-dd</c> between <see cref="Earliest"/> and
/// <see cref="Latest"/>. Anything else is a 400 that names the parameter, never a 500 from arithmetic on a day
/// at the edge of the calendar.
/// </summary>
internal static class AsOfDate
{
    public static readonly DateOnly Earliest = new(1970, 1, 1);
    public static readonly DateOnly Latest = new(2199, 12, 31);

    public static bool TryParse(string? text, string parameter, out DateOnly date, [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (!DateOnly.TryParseExact(text ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            problem = ApiProblems.BadRequest($"{parameter} is a date such as 2019-10-31, not `{text}`");
            return false;
        }

        if (date < Earliest || date > Latest)
        {
            problem = ApiProblems.BadRequest($"{parameter} must lie between {Earliest:yyyy-MM-dd} and {Latest:yyyy-MM-dd}, not {date:yyyy-MM-dd}");
            return false;
        }

        return true;
    }
}
