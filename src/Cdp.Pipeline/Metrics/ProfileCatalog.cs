using System.Text.Json;
using System.Text.Json.Serialization;
using Cdp.Rules;

namespace Cdp.Pipeline.Metrics;

/// <summary>
/// The declared profile metrics: the built-ins of docs/metrics.md, plus those a user adds in a catalog
/// file (JSON: a list of declarations). Filters and expressions are checked when the catalog is made.
/// </summary>
public sealed class ProfileCatalog
{
    private const string Views = "event_type = 'view'";
    private const string Carts = "event_type = 'cart'";
    private const string Purchases = "event_type = 'purchase'";

    public ProfileCatalog(IEnumerable<MetricDeclaration> declarations)
        : this(declarations, validate: true)
    {
    }

    private ProfileCatalog(IEnumerable<MetricDeclaration> declarations, bool validate)
    {
        Declarations = declarations.ToList();
        Catalog = new MetricCatalog(Declarations.Select(d => d.Definition));
        if (validate)
        {
            Validate();
        }
    }

    /// <summary>Every declaration, in order.</summary>
    public IReadOnlyList<MetricDeclaration> Declarations { get; }

    /// <summary>The catalog rules are checked against.</summary>
    public MetricCatalog Catalog { get; }

    /// <summary>
    /// The platform's e-commerce metrics of docs/metrics.md (the package Cdp.Rules has no catalog of its own: a
    /// developer's catalog is theirs, and this one belongs to the platform).
    /// </summary>
    /// <remarks>
    /// The built-ins are not parsed again in every process (a command line check would spend most of its time on
    /// it): their filters and expressions are checked by the tests (<see cref="CheckBuiltIns"/>), and a catalog
    /// file's declarations are checked when it is read.
    /// </remarks>
    public static ProfileCatalog Default { get; } = new(BuiltIn(), validate: false);

    /// <summary>Checks the built-in declarations as any catalog's are checked (the tests call it).</summary>
    public static void CheckBuiltIns() => new ProfileCatalog(BuiltIn()).Validate();

    /// <summary>The built-ins plus the declarations of a JSON catalog file.</summary>
    public static ProfileCatalog WithFile(string path)
    {
        var added = JsonSerializer.Deserialize<List<MetricDeclaration>>(File.ReadAllText(path), CatalogFile.Options)
            ?? throw new InvalidDataException($"{path}: expected a JSON list of metric declarations");
        return new ProfileCatalog(BuiltIn().Concat(added));
    }

    /// <summary>How a catalog file reads; apart, so that a program that only uses the built-ins (the rule commands' native executable) never makes it.</summary>
    private static class CatalogFile
    {
        public static readonly JsonSerializerOptions Options = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new MetricTypeConverter() },
        };
    }

    private void Validate()
    {
        foreach (var declaration in Declarations)
        {
            if (declaration.Filter is { } filter && !Rule.Parse(filter, EventFields.Catalog).Succeeded)
            {
                throw new InvalidDataException($"metric {declaration.Name}: filter `{filter}`: {string.Join("; ", Rule.Parse(filter, EventFields.Catalog).Diagnostics)}");
            }

            if (declaration.Aggregate is MetricAggregate.DistinctCount or MetricAggregate.Top or MetricAggregate.List
                && (declaration.Field is null || !EventFields.Catalog.TryGetMetric(declaration.Field, out _)))
            {
                throw new InvalidDataException($"metric {declaration.Name}: {declaration.Aggregate} needs a field of the event: {string.Join(", ", EventFields.Catalog.Metrics.Select(m => m.Name))}");
            }

            if (declaration.Aggregate == MetricAggregate.Ratio
                && (declaration.Numerator is null || declaration.Denominator is null
                    || !Catalog.TryGetMetric(declaration.Numerator, out var numerator) || !numerator.Type.IsNumeric()
                    || !Catalog.TryGetMetric(declaration.Denominator, out var denominator) || !denominator.Type.IsNumeric()
                    || declaration.Type != MetricType.Number))
            {
                throw new InvalidDataException($"metric {declaration.Name}: a ratio is a number of two numeric metrics (numerator, denominator)");
            }

            if (declaration.Aggregate == MetricAggregate.Expression)
            {
                var parsed = Rule.ParseExpression(declaration.Expression ?? "", Catalog);
                if (!parsed.Succeeded || parsed.Rule.TypeOf(parsed.Rule.Syntax) != declaration.Type)
                {
                    throw new InvalidDataException($"metric {declaration.Name}: expression `{declaration.Expression}` must be a {declaration.Type.ToDisplayName()}: {string.Join("; ", parsed.Diagnostics)}");
                }

                // Expressions are computed in one step after every aggregate: they read aggregates, not each other.
                var nested = parsed.Rule.Metrics.FirstOrDefault(m => Declarations.First(d => d.Name == m.Name).Aggregate == MetricAggregate.Expression);
                if (nested is not null)
                {
                    throw new InvalidDataException($"metric {declaration.Name}: an expression may not name another expression metric (`{nested.Name}`)");
                }
            }
        }
    }

    private static IEnumerable<MetricDeclaration> BuiltIn()
    {
        MetricDeclaration Declare(string name, MetricType type, string description, MetricAggregate aggregate, int? window = null, string? filter = null, string? field = null, string? expression = null, string? unit = null) =>
            new(name, type, description, aggregate, window, filter, field, expression, unit);

        MetricDeclaration Ratio(string name, string description, string numerator, string denominator, string? unit = null) =>
            Declare(name, MetricType.Number, description, MetricAggregate.Ratio, unit: unit) with { Numerator = numerator, Denominator = denominator };

        yield return Declare("events_7d", MetricType.Int, "Events in the last 7 days", MetricAggregate.Count, 7, unit: "events");
        yield return Declare("events_30d", MetricType.Int, "Events in the last 30 days", MetricAggregate.Count, 30, unit: "events") with { Summary = true };
        yield return Declare("events_total", MetricType.Int, "Events ever", MetricAggregate.Count, unit: "events");
        yield return Declare("views_7d", MetricType.Int, "View events in the last 7 days", MetricAggregate.Count, 7, Views, unit: "events");
        yield return Declare("views_30d", MetricType.Int, "View events in the last 30 days", MetricAggregate.Count, 30, Views, unit: "events");
        yield return Declare("carts_7d", MetricType.Int, "Add-to-cart events in the last 7 days", MetricAggregate.Count, 7, Carts, unit: "events");
        yield return Declare("carts_30d", MetricType.Int, "Add-to-cart events in the last 30 days", MetricAggregate.Count, 30, Carts, unit: "events");
        yield return Declare("removes_30d", MetricType.Int, "Remove-from-cart events in the last 30 days", MetricAggregate.Count, 30, "event_type = 'remove_from_cart'", unit: "events");
        yield return Declare("purchases_7d", MetricType.Int, "Purchase events in the last 7 days", MetricAggregate.Count, 7, Purchases, unit: "events");
        yield return Declare("purchases_30d", MetricType.Int, "Purchase events in the last 30 days", MetricAggregate.Count, 30, Purchases, unit: "events") with { Summary = true };
        yield return Declare("purchases_total", MetricType.Int, "Purchase events ever", MetricAggregate.Count, null, Purchases, unit: "events");
        yield return Declare("sessions_7d", MetricType.Int, "Distinct sessions in the last 7 days", MetricAggregate.DistinctCount, 7, field: "user_session", unit: "sessions") with { Summary = true };
        yield return Declare("sessions_30d", MetricType.Int, "Distinct sessions in the last 30 days", MetricAggregate.DistinctCount, 30, field: "user_session", unit: "sessions");
        yield return Declare("orders_30d", MetricType.Int, "Distinct sessions with a purchase in the last 30 days", MetricAggregate.DistinctCount, 30, Purchases, "user_session", unit: "orders");
        yield return Declare("spend_7d", MetricType.Money, "Sum of purchase prices in the last 7 days", MetricAggregate.SumPrice, 7, Purchases, unit: "money");
        yield return Declare("spend_30d", MetricType.Money, "Sum of purchase prices in the last 30 days", MetricAggregate.SumPrice, 30, Purchases, unit: "money") with { Summary = true };
        yield return Declare("spend_total", MetricType.Money, "Sum of purchase prices ever", MetricAggregate.SumPrice, null, Purchases, unit: "money");
        yield return Ratio("cart_rate", "Add-to-cart events per view in the last 30 days; empty without views", "carts_30d", "views_30d", "percent") with { Summary = true };
        yield return Ratio("conversion_rate", "Purchases per view in the last 30 days; empty without views", "purchases_30d", "views_30d", "percent");
        yield return Ratio("avg_order_value", "Average spend per order in the last 30 days; empty without orders", "spend_30d", "orders_30d", "money");
        yield return Declare("distinct_products_30d", MetricType.Int, "Distinct products in the last 30 days", MetricAggregate.DistinctCount, 30, field: "product_id", unit: "products");
        yield return Declare("distinct_brands_30d", MetricType.Int, "Distinct non-empty brands in the last 30 days", MetricAggregate.DistinctCount, 30, field: "brand", unit: "brands");
        yield return Declare("distinct_categories_30d", MetricType.Int, "Distinct non-empty category codes in the last 30 days", MetricAggregate.DistinctCount, 30, field: "category_code", unit: "categories");
        yield return Declare("top_category_30d", MetricType.Text, "Most frequent category code in the last 30 days; empty if none", MetricAggregate.Top, 30, field: "category_code") with { Summary = true };
        yield return Declare("top_brand_30d", MetricType.Text, "Most frequent brand in the last 30 days; empty if none", MetricAggregate.Top, 30, field: "brand");
        yield return Declare("viewed_categories_30d", MetricType.TextList, "Category codes viewed in the last 30 days, sorted; empty if none", MetricAggregate.List, 30, Views, "category_code");
        yield return Declare("first_seen_at", MetricType.Timestamp, "When the customer was first seen", MetricAggregate.MinTime);
        yield return Declare("last_seen_at", MetricType.Timestamp, "When the customer was last seen", MetricAggregate.MaxTime);
        yield return Declare("last_purchase_at", MetricType.Timestamp, "When the customer last bought; empty if never", MetricAggregate.MaxTime, null, Purchases);
        yield return Declare("days_since_last_event", MetricType.Int, "Days since the last event", MetricAggregate.Expression, expression: "days_since(last_seen_at)", unit: "days") with { Summary = true };
        yield return Declare("days_since_last_purchase", MetricType.Int, "Days since the last purchase; empty if never", MetricAggregate.Expression, expression: "days_since(last_purchase_at)", unit: "days");
        yield return Declare("is_buyer", MetricType.Bool, "Has bought at least once", MetricAggregate.Expression, expression: "purchases_total > 0");
    }

    private sealed class MetricTypeConverter : JsonConverter<MetricType>
    {
        public override MetricType Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            MetricTypeNames.TryParse(reader.GetString() ?? "", out var type) ? type : throw new JsonException($"unknown metric type `{reader.GetString()}`");

        public override void Write(Utf8JsonWriter writer, MetricType value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToDisplayName());
    }
}
