using Cdp.Pipeline.Events;
using Microsoft.Playwright;

namespace Cdp.Web.Tests;

/// <summary>
/// A webhook destination added in the browser as an editor does it, a run that sends its segment's full sync to a
/// receiver that refuses it (the batch parks with its error in the delivery log), then a replay that delivers it once
/// the receiver is back; a test send; and a viewer who sees the log without the buttons.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class DestinationPagesTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_editor_adds_a_webhook_reads_its_delivery_log_and_replays_a_parked_batch()
    {
        await using var host = await PrivateHost.StartAsync("destination-pages", new GeneratorOptions(8_000, 300, 5, new DateOnly(2019, 10, 1), 5),
            _ => ["--retry-first", "0.05", "--retry-longest", "0.2"]);
        var down = true;
        await using var receiver = await WebhookReceiver.StartAsync("S", (_, _) => Volatile.Read(ref down) ? ReceiverAnswer.FailBefore : ReceiverAnswer.Ok);
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.Address, ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await PageTests.SignInAsync(page, "eddie", WebAppFixture.EditorPassword);

        await page.GotoAsync("/#/destinations");
        await Assertions.Expect(page.Locator("#no-destinations")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Kafka topic")).ToBeHiddenAsync(); // only the chosen kind's fields show
        await page.GetByLabel("kind").SelectOptionAsync("files");
        await Assertions.Expect(page.GetByLabel("webhook URL")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByLabel("folder")).ToBeVisibleAsync();
        await page.GetByLabel("kind").SelectOptionAsync("webhook");
        await page.GetByLabel("destination name").FillAsync("crm");
        await page.GetByLabel("webhook URL").FillAsync("http://10.0.0.1/hook");
        await page.GetByLabel("signing secret").FillAsync("S");
        await page.ClickAsync("#add-destination");
        await Assertions.Expect(page.Locator("#destinations-status")).ToContainTextAsync("10.0.0.1 is not loopback and not an allowed host");
        await page.GetByLabel("webhook URL").FillAsync(receiver.Url);
        await page.Locator("input[name=destination-segment][value=big_spenders]").CheckAsync();
        await page.ClickAsync("#add-destination");
        await Assertions.Expect(page.Locator("#empty-log")).ToBeVisibleAsync();

        // A run: the full sync of big_spenders is refused 8 times (a 500 each time), then parked; the log follows by itself.
        await host.RunNowAsync("2019-10-05");
        var parked = page.Locator("#delivery-log tbody tr").First;
        await Assertions.Expect(parked.Locator(".badge")).ToHaveTextAsync("parked", new() { Timeout = 30_000 });
        await Assertions.Expect(parked).ToContainTextAsync("attempt 8 of 8: HTTP 500");

        Volatile.Write(ref down, false);
        await page.ClickAsync("#test-send");
        await Assertions.Expect(page.Locator("#destination-status")).ToContainTextAsync("Test change delivered: HTTP 204");
        await page.ClickAsync("#delivery-log tbody tr:first-child button");
        await Assertions.Expect(page.Locator("#destination-status")).ToHaveTextAsync("1 batch(es) back in line.");
        await Assertions.Expect(parked.Locator(".badge")).ToHaveTextAsync("delivered", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new() { Path = PageTests.Screenshot("destination-log.png"), FullPage = true });
        Assert.Contains(receiver.Changes.Values, c => c.Segment == "big_spenders" && c.Initial);

        await page.GotoAsync("/#/destinations");
        await Assertions.Expect(page.Locator("#destinations tr[data-destination=crm]")).ToContainTextAsync("big_spenders");
    }
}
