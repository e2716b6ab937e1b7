using System.Globalization;

namespace Cdp.Pipeline.Events;

/// <summary>
/// Realistic REES46-style events from a seed: the same options give the same events, byte for byte
/// (System.Random with a seed is stable across .NET versions). The distributions, chosen to match the
/// data set's published figures and the real sample in ../shared/data (see docs/data-generator.md):
/// <list type="bullet">
/// <item>products: max(1,000, users / 2), popularity heavy-tailed (index = n * u^3); each belongs to one of
/// 400 categories, a third of which have no category code; brands empty for 14% of products; prices
/// log-normal (median about 150, long tail to 2,600), 0.1% priced 0.00.</item>
/// <item>users: activity Pareto(α = 1.3) capped at 100x the least active, so a few users have many sessions; ids of 9 digits.</item>
/// <item>sessions: spread over the days, busier in the day than at night (UTC); 1 + geometric views plus
/// their carts and purchases, 4.6 events on average; a session browses one category most of the time.</item>
/// <item>event types: a view adds to cart with p = 3%; a cart is then removed with p = 15%, else bought
/// with p = 50%; on the spike day (the middle day) carts are 5x as likely and 80% of the rest are bought,
/// about 8x the purchases; overall about 95% views, 3% carts, 1.4% purchases, 0.5% removes.</item>
/// <item>a handful of sessions (0.01%) have no session id, as in the data set.</item>
/// </list>
/// Events are written day by day, sorted by time within each day, so memory holds one day at a time.
/// </summary>
public sealed class EventGenerator
{
    private const int CategoryCount = 400;
    private static readonly string[] CategoryRoots = ["electronics", "appliances", "computers", "apparel", "furniture", "construction", "kids", "auto", "sport", "accessories"];
    private static readonly string[] CategoryLeaves = ["smartphone", "audio.headphone", "video.tv", "kitchen.refrigerators", "notebook", "shoes", "living_room.sofa", "tools.drill", "toys", "accessories.player", "environment.vacuum", "clocks", "bag", "bicycle", "tablet"];
    private static readonly string[] BrandNames = ["samsung", "apple", "xiaomi", "huawei", "lucente", "lg", "bosch", "oppo", "sony", "acer", "lenovo", "artel", "respect", "hp", "indesit", "elenberg", "asus", "casio", "philips", "cordiant", "redmond", "polaris", "vitek", "nokia", "tefal"];

    private readonly GeneratorOptions _options;
    private readonly Random _random;
    private readonly Product[] _products;
    private readonly long[] _userIds;
    private readonly double[] _userWeights;

    private sealed record Product(long Id, long CategoryId, string? CategoryCode, string? Brand, decimal Price, int Category);

    public EventGenerator(GeneratorOptions options)
    {
        if (options.Events <= 0 || options.Users <= 0 || options.Days <= 0)
        {
            throw new ArgumentException("events, users and days must be positive", nameof(options));
        }

        _options = options;
        _random = new Random(options.Seed);
        _products = MakeProducts(Math.Max(1_000, options.Users / 2));
        (_userIds, _userWeights) = MakeUsers(options.Users);
    }

    /// <summary>The events into a file (gzip when its name ends in .gz), its folder created if need be.</summary>
    public void WriteFile(string path, IProgress<long>? progress = null)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest) : file;
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), 1 << 16);
        Write(writer, progress);
    }

    /// <summary>Writes the header and every event.</summary>
    public void Write(TextWriter writer, IProgress<long>? progress = null)
    {
        writer.Write(EventCsvFormat.Header);
        writer.Write('\n');
        long written = 0;
        foreach (var e in Generate())
        {
            EventCsvFormat.Write(writer, e);
            if (++written % 100_000 == 0)
            {
                progress?.Report(written);
            }
        }

        progress?.Report(written);
    }

    /// <summary>The events, day by day, sorted by time within a day.</summary>
    public IEnumerable<CommerceEvent> Generate()
    {
        var perDay = (double)_options.Events / _options.Days;
        long produced = 0;
        for (var day = 0; day < _options.Days; day++)
        {
            var target = (long)Math.Round(perDay * (day + 1)) - produced;
            var events = new List<CommerceEvent>((int)Math.Min(target + 64, int.MaxValue / 2));
            var date = _options.Start.AddDays(day);
            var spike = day == _options.SpikeDay;
            while (events.Count < target)
            {
                Session(date, spike, events, target);
            }

            events.Sort((a, b) => a.EventTime.CompareTo(b.EventTime));
            produced += events.Count;
            foreach (var e in events)
            {
                yield return e;
            }
        }
    }

    private void Session(DateOnly date, bool spike, List<CommerceEvent> events, long limit)
    {
        // The spike day: five times the carts and 0.8 of them bought instead of 0.5, about 8x the purchases.
        var cartProbability = spike ? 0.15 : 0.03;
        var purchaseProbability = spike ? 0.8 : 0.5;
        var user = _userIds[WeightedIndex(_userWeights)];
        var session = _random.NextDouble() < 0.0001 ? null : Uuid();
        var time = DateTime.SpecifyKind(date.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc).AddSeconds(TimeOfDay());
        var count = 1 + Geometric(1 / 4.4);
        var product = PopularProduct();
        for (var i = 0; i < count && events.Count < limit; i++)
        {
            if (i > 0)
            {
                product = _random.NextDouble() < 0.7 ? ProductInCategory(product.Category) : PopularProduct();
                time = time.AddSeconds(1 + Exponential(40));
                if (DateOnly.FromDateTime(time) != date)
                {
                    return;
                }
            }

            events.Add(Event(time, EventType.View, product, user, session));
            if (_random.NextDouble() >= cartProbability || events.Count >= limit)
            {
                continue;
            }

            time = time.AddSeconds(1 + Exponential(20));
            if (DateOnly.FromDateTime(time) != date)
            {
                return;
            }

            events.Add(Event(time, EventType.Cart, product, user, session));
            var next = _random.NextDouble();
            var follow = next < 0.15 ? EventType.RemoveFromCart : next < 0.15 + purchaseProbability * 0.85 ? EventType.Purchase : (EventType?)null;
            if (follow is { } type && events.Count < limit)
            {
                // A session never runs past midnight: its events all belong to the day being written.
                time = time.AddSeconds(1 + Exponential(type == EventType.Purchase ? 60 : 20));
                if (DateOnly.FromDateTime(time) != date)
                {
                    return;
                }

                events.Add(Event(time, type, product, user, session));
            }
        }
    }

    private static CommerceEvent Event(DateTime time, EventType type, Product product, long user, string? session) =>
        new(new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc), type, product.Id, product.CategoryId, product.CategoryCode, product.Brand, product.Price, user, session);

    private Product[] MakeProducts(int count)
    {
        var categories = Enumerable.Range(0, CategoryCount).Select(i =>
        (
            Id: 2053013552000000000L + (long)_random.Next(1, 999_999_999),
            Code: _random.NextDouble() < 0.33 ? null : $"{CategoryRoots[_random.Next(CategoryRoots.Length)]}.{CategoryLeaves[_random.Next(CategoryLeaves.Length)]}"
        )).ToArray();
        var ids = new HashSet<long>();
        var products = new Product[count];
        for (var i = 0; i < count; i++)
        {
            long id;
            do
            {
                id = _random.Next(1_000_000, 60_000_000);
            }
            while (!ids.Add(id));

            var category = _random.Next(CategoryCount);
            var brand = _random.NextDouble() < 0.14 ? null : BrandNames[(int)(BrandNames.Length * Math.Pow(_random.NextDouble(), 2))];
            var price = _random.NextDouble() < 0.001 ? 0m : Math.Round((decimal)Math.Min(2574.07, Math.Exp(5.0 + 1.1 * Normal())), 2);
            products[i] = new Product(id, categories[category].Id, categories[category].Code, brand, price, category);
        }

        return products;
    }

    private (long[] Ids, double[] CumulativeWeights) MakeUsers(int count)
    {
        var ids = new HashSet<long>();
        var list = new long[count];
        var weights = new double[count];
        double total = 0;
        for (var i = 0; i < count; i++)
        {
            long id;
            do
            {
                id = 500_000_000 + _random.Next(0, 99_999_999);
            }
            while (!ids.Add(id));

            list[i] = id;
            total += Math.Min(100, Math.Pow(1 - _random.NextDouble(), -1 / 1.3));
            weights[i] = total;
        }

        return (list, weights);
    }

    private int WeightedIndex(double[] cumulative)
    {
        var target = _random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }

    private Product PopularProduct() => _products[(int)(_products.Length * Math.Pow(_random.NextDouble(), 3))];

    private Product ProductInCategory(int category)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var candidate = PopularProduct();
            if (candidate.Category == category)
            {
                return candidate;
            }
        }

        return PopularProduct();
    }

    /// <summary>Seconds after midnight UTC, busier from 06:00 to 21:00.</summary>
    private double TimeOfDay()
    {
        while (true)
        {
            var seconds = _random.NextDouble() * 86_400;
            var hour = seconds / 3600;
            var weight = hour is >= 6 and < 21 ? 1.0 : 0.35;
            if (_random.NextDouble() < weight)
            {
                return seconds;
            }
        }
    }

    private int Geometric(double p) => (int)Math.Floor(Math.Log(1 - _random.NextDouble()) / Math.Log(1 - p));

    private double Exponential(double mean) => -mean * Math.Log(1 - _random.NextDouble());

    private double Normal() => Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble());

    private string Uuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return string.Create(36, bytes.ToArray(), static (span, b) =>
        {
            var hex = Convert.ToHexStringLower(b);
            hex.AsSpan(0, 8).CopyTo(span);
            span[8] = '-';
            hex.AsSpan(8, 4).CopyTo(span[9..]);
            span[13] = '-';
            hex.AsSpan(12, 4).CopyTo(span[14..]);
            span[18] = '-';
            hex.AsSpan(16, 4).CopyTo(span[19..]);
            span[23] = '-';
            hex.AsSpan(20, 12).CopyTo(span[24..]);
        });
    }

    /// <summary>A readable summary for people: the options.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{_options.Events} events, {_options.Users} users, {_options.Days} days from {_options.Start:yyyy-MM-dd}, seed {_options.Seed}");
}
