using Parquet.Schema;

namespace Cdp.Pipeline.Lake;

/// <summary>The Parquet schema of lake files: the data set's columns, times as UTC microsecond timestamps, price as DECIMAL(18,2).</summary>
internal static class EventSchema
{
    public static readonly DateTimeDataField EventTime = new("event_time", DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false);
    public static readonly DataField<string> EventType = new("event_type", nullable: false);
    public static readonly DataField<long> ProductId = new("product_id", nullable: false);
    public static readonly DataField<long> CategoryId = new("category_id", nullable: false);
    public static readonly DataField<string> CategoryCode = new("category_code", nullable: true);
    public static readonly DataField<string> Brand = new("brand", nullable: true);
    public static readonly DecimalDataField Price = new("price", 18, 2, isNullable: false);
    public static readonly DataField<long> UserId = new("user_id", nullable: false);
    public static readonly DataField<string> UserSession = new("user_session", nullable: true);

    public static readonly ParquetSchema Schema = new(EventTime, EventType, ProductId, CategoryId, CategoryCode, Brand, Price, UserId, UserSession);
}
