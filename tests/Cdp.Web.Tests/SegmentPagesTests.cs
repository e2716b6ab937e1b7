using System.Net;
using System.Net.Http.Json;
using Cdp.Pipeline.Events;
using Microsoft.Playwright;

namespace Cdp.Web.Tests;

/// <summary>
/// A segment's life in the browser: versions compared side by side (the rule's words that left and came, and the
/// sizes) and an old one restored into the editor; a segment duplicated, archived and restored from the list.
/// Against a host of the test's own, since it changes the segments.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class SegmentPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_compares_versions_restores_one_duplicates_archives_and_restores()
    {
        await using var host = await PrivateHost.StartAsync("segment-pages", new GeneratorOptions(8_000, 300, 5, new DateOnly(2019, 10, 1), 5));
        var edited = await host.Editor.PostAsJsonAsync("/api/segments", new { name = "big_spenders", rule = "spend_30d >= 250 AND is_buyer", version = 1 });
        Assert.Equal(HttpStatusCode.Created, edited.StatusCode);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        var answers = new Queue<string>(["big spenders copy"]);
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync(dialog.Type == DialogType.Prompt ? answers.Dequeue() : null);
        await PageTests.SignInAsync(page, "eddie", WebAppFixture.EditorPassword);

        await page.GotoAsync("/#/segments/big_spenders/edit");
        await page.GetByRole(AriaRole.Button, new() { Name = "compare version 1 with the current" }).ClickAsync();
        var comparison = page.Locator("#comparison");
        await Assertions.Expect(comparison.Locator("h2")).ToContainTextAsync("Version 1 and version 2");
        await Assertions.Expect(comparison.Locator("del")).ToHaveTextAsync("500");
        await Assertions.Expect(comparison.Locator("ins")).ToHaveTextAsync(["250 AND is_buyer"]);
        await Assertions.Expect(comparison).ToContainTextAsync("members (");
        await page.ScreenshotAsync(new() { Path = PageTests.Screenshot("versions-compared.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "restore version 1" }).ClickAsync();
        await Assertions.Expect(page.Locator("textarea[name=rule]")).ToHaveValueAsync("spend_30d >= 500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save version 3" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/segments/big_spenders$"));
        await Assertions.Expect(page.Locator("#rule")).ToHaveTextAsync("spend_30d >= 500");

        await page.GetByRole(AriaRole.Button, new() { Name = "Duplicate" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("big spenders copy");
        await Assertions.Expect(page.Locator("#rule")).ToHaveTextAsync("spend_30d >= 500");

        await page.GetByRole(AriaRole.Button, new() { Name = "Archive" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Segments");
        await Assertions.Expect(page.Locator("#segments tr[data-segment='big spenders copy']")).ToHaveCountAsync(0);
        await page.Locator("#archived summary").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "restore big spenders copy" }).ClickAsync();
        await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("big spenders copy");
        await page.GotoAsync("/#/segments");
        await Assertions.Expect(page.Locator("#segments tr[data-segment='big spenders copy']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#archived")).ToHaveCountAsync(0);
    }
}
