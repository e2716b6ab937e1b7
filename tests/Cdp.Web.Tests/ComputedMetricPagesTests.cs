using Cdp.Pipeline.Events;
using Microsoft.Playwright;

namespace Cdp.Web.Tests;

/// <summary>
/// A computed metric defined in the browser, as an editor does it: the expression checked and previewed as typed
/// (a mistake marked, then the type and how many customers have a value), defined, listed, and at once usable by name
/// in the segment editor's live preview. Against a host of the test's own, since it changes the catalog.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class ComputedMetricPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_defines_a_metric_with_a_live_preview_and_a_rule_names_it_at_once()
    {
        await using var host = await PrivateHost.StartAsync("metric-pages", new GeneratorOptions(8_000, 300, 5, new DateOnly(2019, 10, 1), 5));
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await PageTests.SignInAsync(page, "eddie", WebAppFixture.EditorPassword);

        await page.GotoAsync("/#/metrics");
        await Assertions.Expect(page.Locator("#no-computed")).ToBeVisibleAsync();
        var expression = page.Locator("#define-form textarea[name=rule]");
        await expression.FillAsync("count(view IN LAST 7d)");
        await Assertions.Expect(page.Locator("#metric-preview")).ToHaveTextAsync("1 mistake(s)");
        await expression.FillAsync("count(views WHERE category_code STARTS WITH 'electronics' IN LAST 7d)");
        await Assertions.Expect(page.Locator("#metric-preview")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"^int: [\d,]+ of [\d,]+ customers have a value"));
        await Assertions.Expect(page.Locator("#metric-sample tbody tr")).ToHaveCountAsync(10);
        await page.GetByLabel("metric name").FillAsync("electronics_views_7d");
        await page.GetByLabel("metric description").FillAsync("Electronics views this week");
        await page.ClickAsync("#define-metric");
        await Assertions.Expect(page.Locator("#computed-table tr[data-metric='electronics_views_7d']")).ToContainTextAsync("Electronics views this week");
        await page.ScreenshotAsync(new() { Path = PageTests.Screenshot("computed-metric-defined.png"), FullPage = true });
        await page.ClickAsync("#compute-now");
        await Assertions.Expect(page.Locator("#define-status")).ToContainTextAsync("Computing: the ETL runs as of 2019-10-05");
        await host.WaitForRunAsync();

        await page.GotoAsync("/#/segments/new");
        await page.Locator("textarea[name=rule]").FillAsync("electronics_views_7d >= 1");
        await Assertions.Expect(page.Locator("#preview-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^[\d,]+$"));
    }
}
