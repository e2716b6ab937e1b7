using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Cdp.Web.Tests;

/// <summary>
/// Every page as a marketer sees it, on a desktop (1440x900) and a phone (390x844): a screenshot of each kept as a
/// test artefact (bin/.../screenshots), nothing wider than the phone's screen on the pages a phone is for, no
/// serious or critical accessibility violation (axe-core, run in the page), and one way of writing numbers.
/// </summary>
[Collection(WebCollection.Name)]
public sealed partial class PageTests(WebAppFixture app, BrowserFixture browser)
{
    private static readonly (string Name, int Width, int Height)[] Screens = [("desktop", 1440, 900), ("phone", 390, 844)];

    private string FirstMember => app.ReferenceMembers("spend_30d >= 500")[0].ToString(CultureInfo.InvariantCulture);

    private (string Name, string Path, bool PhoneFits)[] Pages =>
    [
        ("dashboard", "/#/", true),
        ("profiles", "/#/profiles", false),  // a wide table: it scrolls inside its own box
        ("customer", $"/#/profiles/{FirstMember}", true),
        ("segments", "/#/segments", true),
        ("segment", "/#/segments/big_spenders", false),
        ("segment-editor", "/#/segments/big_spenders/edit", false),
        ("metrics", "/#/metrics", false),
        ("destinations", "/#/destinations", true),
        ("runs", "/#/runs", false),
        ("account", "/#/account", true),
        ("users", "/#/users", false),
    ];

    [Fact]
    public async Task Every_page_on_a_desktop_and_a_phone_is_accessible_and_the_phone_pages_fit()
    {
        var problems = new List<string>();
        foreach (var screen in Screens)
        {
            // axe-core is injected as a script, which the app's CSP (script-src 'self') would rightly refuse.
            await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = app.Address.ToString(), ViewportSize = new ViewportSize { Width = screen.Width, Height = screen.Height }, BypassCSP = true,
            });
            var page = await context.NewPageAsync();
            var errors = Watch(page);
            await SignInAsync(page, "admin", WebAppFixture.AdminPassword); // an admin sees every page
            foreach (var (name, path, phoneFits) in Pages)
            {
                await page.GotoAsync(path);
                await Assertions.Expect(page.Locator("main h1")).ToBeVisibleAsync();
                await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync("Loading…");
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                await page.ScreenshotAsync(new() { Path = Screenshot($"{name}-{screen.Name}.png"), FullPage = true });
                Assert.DoesNotContain("[object", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
                if (screen.Name == "phone" && phoneFits)
                {
                    var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    if (overflow > 0)
                    {
                        problems.Add($"{name} on a phone is {overflow}px wider than the screen");
                    }
                }

                problems.AddRange((await AxeAsync(page)).Select(v => $"{name} ({screen.Name}): {v}"));
            }

            Assert.Empty(errors);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_customer_page_groups_metrics_under_plain_labels_and_writes_numbers_one_way()
    {
        var (context, page, errors) = await ViewerOnADesktopAsync();
        await using var _ = context;
        var customer = app.Profiles().First(p => p.Metrics["spend_30d"] is decimal s && s >= 1000m && p.Metrics["avg_order_value"] is not null && p.Metrics["last_purchase_at"] is not null);
        await page.GotoAsync($"/#/profiles/{customer.UserId}");
        await Assertions.Expect(page.Locator("#metrics section h2")).ToHaveTextAsync(["Activity", "Spend", "Preferences", "Recency"]);
        var spend = page.Locator("#metrics dd[data-metric=spend_30d]");
        await Assertions.Expect(spend).ToHaveTextAsync(((decimal)customer.Metrics["spend_30d"]!).ToString("$#,##0.00", CultureInfo.InvariantCulture));
        await Assertions.Expect(page.Locator("#metrics section[data-group=Spend]")).ToContainTextAsync("Sum of purchase prices in the last 30 days");
        await Assertions.Expect(page.Locator("#metrics section[data-group=Spend] code", new() { HasTextString = "spend_30d" })).ToBeVisibleAsync();
        var sessions = (long)customer.Metrics["events_total"]!;
        await Assertions.Expect(page.Locator("#metrics dd[data-metric=events_total]")).ToHaveTextAsync(sessions.ToString("#,##0", CultureInfo.InvariantCulture));
        if (customer.Metrics["cart_rate"] is double rate)
        {
            await Assertions.Expect(page.Locator("#metrics dd[data-metric=cart_rate]")).ToHaveTextAsync(PercentPattern());
            Assert.Contains((rate * 100).ToString("0.0", CultureInfo.InvariantCulture)[..2], await page.Locator("#metrics dd[data-metric=cart_rate]").InnerTextAsync(), StringComparison.Ordinal);
        }

        // NULL: an em dash that says what it is.
        var empty = app.Profiles().First(p => p.Metrics["cart_rate"] is null);
        await page.GotoAsync($"/#/profiles/{empty.UserId}");
        var dash = page.Locator("#metrics dd[data-metric=cart_rate] .null");
        await Assertions.Expect(dash).ToHaveTextAsync("—");
        Assert.Equal("no value (NULL)", await dash.GetAttributeAsync("title"));
        Assert.DoesNotContain("NULL", await page.Locator("#metrics").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_segment_page_shows_a_baseline_the_rules_metrics_and_why_next_to_the_row()
    {
        var (context, page, errors) = await ViewerOnADesktopAsync();
        await using var _ = context;
        using var client = app.Client(app.ViewerKey);
        var segment = JsonDocument.Parse(await client.GetStringAsync("/api/segments/engaged_shoppers")).RootElement;
        var history = segment.GetProperty("history").EnumerateArray().ToList();
        await page.GotoAsync("/#/segments/engaged_shoppers");
        await Assertions.Expect(page.Locator("#baseline")).ToContainTextAsync(
            $"Baseline: {history[0].GetProperty("members").GetInt64().ToString("#,##0", CultureInfo.InvariantCulture)} members on {history[0].GetProperty("asOf").GetString()}");
        // Entered and exited from the second evaluation on: the first day's members are the baseline, not entries.
        Assert.Equal((history.Count - 1) * 2, await page.Locator("#changes svg rect").CountAsync());

        // The members table shows what the rule reads (sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)).
        Assert.Equal(["user_id", "sessions_7d", "cart_rate", "spend_30d", ""], await page.Locator("#members thead th").AllTextContentsAsync());

        // Why? for a row far down opens under that row, in view.
        var rows = page.Locator("#members tbody tr");
        var last = rows.Last;
        var userId = await last.GetAttributeAsync("data-user");
        await last.GetByRole(AriaRole.Button, new() { Name = "Why?" }).ClickAsync();
        var why = page.Locator($"#members tr.why-row[data-user='{userId}']");
        await Assertions.Expect(why).ToContainTextAsync($"Why customer {userId} is in engaged_shoppers");
        await Assertions.Expect(why).ToBeInViewportAsync();
        Assert.Equal(userId, await page.Locator("#members tr.why-row").Locator("xpath=preceding-sibling::tr[1]").GetAttributeAsync("data-user"));
        await page.ScreenshotAsync(new() { Path = Screenshot("segment-why.png") });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_metrics_page_lists_every_metric_with_its_distribution_and_is_linked_from_the_editor()
    {
        var (context, page, errors) = await ViewerOnADesktopAsync();
        await using var _ = context;
        await page.GotoAsync("/#/segments/new");
        await page.Locator("#all-metrics").ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Metrics");
        var names = Cdp.Pipeline.Metrics.ProfileCatalog.Default.Declarations.Select(d => d.Name).ToList();
        await Assertions.Expect(page.Locator("tr[data-metric]")).ToHaveCountAsync(names.Count);
        foreach (var name in new[] { "spend_30d", "top_category_30d", "last_seen_at", "is_buyer" })
        {
            var row = page.Locator($"tr[data-metric={name}]");
            await Assertions.Expect(row.Locator("svg.distribution rect").First).ToBeAttachedAsync();
            Assert.False(string.IsNullOrEmpty(await row.Locator("svg.distribution").GetAttributeAsync("aria-label"))); // the distribution in words too
        }

        await Assertions.Expect(page.Locator("tr[data-metric=spend_30d] .distribution-box")).ToContainTextAsync("$");
        Assert.Empty(errors);
    }

    /// <summary>A browser of its own signed in as a viewer at 1440x900, and the script errors and 5xx answers it meets.</summary>
    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> ViewerOnADesktopAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString(), ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var errors = Watch(page);
        await SignInAsync(page, "vera", WebAppFixture.ViewerPassword);
        return (context, page, errors);
    }

    /// <summary>axe-core's serious and critical violations on the page as it is now, one line each.</summary>
    private static async Task<IReadOnlyList<string>> AxeAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "tools", "web-checks", "node_modules", "axe-core", "axe.min.js") });
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
              .filter(v => v.impact === 'serious' || v.impact === 'critical')
              .map(v => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; ')}`)
            """);
        return [.. result.EnumerateArray().Select(v => v.GetString()!)];
    }

    private static List<string> Watch(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                errors.Add($"{response.Status} from {response.Url}");
            }
        };
        return errors;
    }

    internal static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GotoAsync("/");
        await page.Locator("input[name=user]").FillAsync(user);
        await page.Locator("input[name=password]").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator("#who")).ToContainTextAsync(user);
    }

    internal static string Screenshot(string name) => Path.Combine(AppContext.BaseDirectory, "screenshots", name);

    [GeneratedRegex(@"^\d+(\.\d+)?%$")]
    private static partial Regex PercentPattern();
}
