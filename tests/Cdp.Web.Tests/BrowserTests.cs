using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cdp.Host.Cli;
using Microsoft.Playwright;
using Cdp.Host.Cli.Commands;

namespace Cdp.Web.Tests;

/// <summary>The web app in a real headless Chromium, as a marketer uses it.</summary>
[Collection(WebCollection.Name)]
public sealed partial class BrowserTests(WebAppFixture app, BrowserFixture browser) : IAsyncLifetime
{
    private const string Typo = "sessions_7d > 3 AND (cart_rte >= 0.2 OR spend_30d > 100)";
    private const string Fixed = "sessions_7d > 3 AND (cart_rate >= 0.2 OR spend_30d > 100)";
    private IBrowserContext _context = null!;
    private IPage _page = null!;

    public async Task InitializeAsync()
    {
        _context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Address.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        _context.SetDefaultTimeout(15_000);
        _page = await _context.NewPageAsync();
        var errors = new List<string>();
        _page.PageError += (_, error) => errors.Add(error);
        _page.Console += (_, message) =>
        {
            // A refused request (401 before sign-in, 422 for a rule with mistakes) is an answer, not a fault; server errors are caught below.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add(message.Text);
            }
        };
        _page.Response += (_, response) =>
        {
            if (response.Status >= 500)
            {
                errors.Add($"{response.Status} from {response.Url}");
            }
        };
        _pageErrors = errors;
    }

    private List<string> _pageErrors = [];

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        Assert.Empty(_pageErrors); // no script error on any page a test visited
    }

    [Fact]
    public async Task A_marketer_fixes_a_typo_previews_saves_and_sees_why_a_member_is_in()
    {
        await SignInAsync("eddie", WebAppFixture.EditorPassword);
        await _page.GotoAsync("/#/segments/new");
        var rule = _page.Locator("textarea[name=rule]");
        await rule.FillAsync(Typo);

        // The marker: the misspelt metric underlined exactly where it stands in the text.
        var marker = _page.Locator(".highlight .tok-error");
        await Assertions.Expect(marker).ToHaveTextAsync("cart_rte");
        Assert.Equal("21", await marker.GetAttributeAsync("data-start"));
        var offset = await _page.EvaluateAsync<double[]>("""
            () => {
              const pre = document.querySelector('.highlight'), mark = pre.querySelector('.tok-error');
              const style = getComputedStyle(pre), context = document.createElement('canvas').getContext('2d');
              context.font = `${style.fontSize} ${style.fontFamily}`;
              const expected = pre.getBoundingClientRect().left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft)
                + context.measureText(document.querySelector('textarea[name=rule]').value.slice(0, 21)).width;
              return [mark.getBoundingClientRect().left, expected];
            }
            """);
        Assert.InRange(offset[0], offset[1] - 2, offset[1] + 2);
        Assert.Equal(Typo, await _page.Locator(".highlight").TextContentAsync()); // the overlay shows the very text typed
        await Assertions.Expect(_page.Locator(".diagnostics li")).ToContainTextAsync("1:22 unknown metric `cart_rte`; did you mean `cart_rate`?");

        // The fix one click away, then the live audience size.
        await _page.GetByRole(AriaRole.Button, new() { Name = "Replace with cart_rate" }).ClickAsync();
        await Assertions.Expect(rule).ToHaveValueAsync(Fixed);
        await Assertions.Expect(_page.Locator(".highlight .tok-error")).ToHaveCountAsync(0);
        await Assertions.Expect(_page.Locator("#preview-count")).ToHaveTextAsync(NumberPattern());
        var shown = long.Parse((await _page.Locator("#preview-count").TextContentAsync())!, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.Equal(CommandLineCount(Fixed), shown);

        // Save, find it in the list with that size, open a member and see why.
        var name = "browser_" + Guid.NewGuid().ToString("N")[..8];
        await _page.Locator("input[name=name]").FillAsync(name);
        await _page.Locator("#save").ClickAsync();
        await Assertions.Expect(_page).ToHaveURLAsync(new Regex($"#/segments/{name}$"));
        await _page.GotoAsync("/#/segments");
        var row = _page.Locator($"tr[data-segment={name}]");
        await Assertions.Expect(row).ToContainTextAsync(shown.ToString("N0", CultureInfo.InvariantCulture));
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Assertions.Expect(_page.Locator("#rule")).ToHaveTextAsync(Fixed);
        await _page.ScreenshotAsync(new() { Path = Screenshot("segment.png"), FullPage = true });
        var firstMember = _page.Locator("#members tbody tr").First.GetByRole(AriaRole.Link);
        var memberId = await firstMember.TextContentAsync();
        Assert.Equal(app.ReferenceMembers(Fixed)[0].ToString(CultureInfo.InvariantCulture), memberId);
        await firstMember.ClickAsync();
        var segment = _page.Locator($"details[data-segment={name}]");
        await Assertions.Expect(segment.Locator("summary")).ToContainTextAsync("member");
        await Assertions.Expect(segment.Locator(".explain > ul > li > .true")).ToHaveTextAsync("TRUE");
        await Assertions.Expect(segment.Locator(".explain")).ToContainTextAsync("sessions_7d > 3");
        await _page.ScreenshotAsync(new() { Path = Screenshot("profile.png"), FullPage = true });
    }

    [Fact]
    public async Task Metric_names_functions_and_operators_complete_as_you_type()
    {
        await SignInAsync("eddie", WebAppFixture.EditorPassword);
        await _page.GotoAsync("/#/segments/new");
        var rule = _page.Locator("textarea[name=rule]");
        await rule.PressSequentiallyAsync("sessions_7");
        var menu = _page.Locator(".completions");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First).ToContainTextAsync("sessions_7d");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First).ToContainTextAsync("int");
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rule).ToHaveValueAsync("sessions_7d");
        await Assertions.Expect(menu).ToBeHiddenAsync();

        await rule.PressSequentiallyAsync(" ");
        await _page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option, new() { Name = ">=" })).ToBeVisibleAsync();
        await menu.GetByRole(AriaRole.Option, new() { Name = ">=" }).ClickAsync();
        await rule.PressSequentiallyAsync("2 AND days_s");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First).ToContainTextAsync("days_since(timestamp)");
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rule).ToHaveValueAsync("sessions_7d >= 2 AND days_since(");
        await _page.ScreenshotAsync(new() { Path = Screenshot("editor-completion.png") });
    }

    [Fact]
    public async Task The_completion_menu_opens_at_the_caret_and_after_a_parenthesis_offers_what_joins_conditions()
    {
        await SignInAsync("eddie", WebAppFixture.EditorPassword);
        await _page.GotoAsync("/#/segments/new");
        var rule = _page.Locator("textarea[name=rule]");
        await rule.FillAsync("is_buyer\nAND (sessions_7d > 1)\nOR spend_3");
        await rule.PressAsync("End");
        await _page.Keyboard.PressAsync("Control+Space");
        var menu = _page.Locator(".completions");
        await Assertions.Expect(menu).ToBeVisibleAsync();
        // Below the third line and near the caret's column, never over the lines above (it opened at the top left).
        var place = await _page.EvaluateAsync<double[]>("""
            () => {
              const input = document.querySelector('textarea[name=rule]'), menu = document.querySelector('.completions');
              const style = getComputedStyle(input), line = parseFloat(style.lineHeight);
              const box = input.getBoundingClientRect(), menuBox = menu.getBoundingClientRect();
              const context = document.createElement('canvas').getContext('2d');
              context.font = `${style.fontSize} ${style.fontFamily}`;
              const caretX = box.left + parseFloat(style.borderLeftWidth) + parseFloat(style.paddingLeft) + context.measureText('OR spend_3').width;
              const thirdLineBottom = box.top + parseFloat(style.borderTopWidth) + parseFloat(style.paddingTop) + 3 * line;
              return [menuBox.top, thirdLineBottom, menuBox.left, caretX];
            }
            """);
        Assert.InRange(place[0], place[1] - 2, place[1] + 12);
        Assert.InRange(place[2], place[3] - 120, place[3] + 2);
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First).ToContainTextAsync("spend_30d");
        await _page.ScreenshotAsync(new() { Path = Screenshot("editor-completion-line3.png") });

        // The context comes from the server's tokens of the text, so the menu is drawn once they are in: wait for it.
        await rule.FillAsync("(sessions_7d > 1) ");
        await rule.PressAsync("End");
        await _page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First.Locator(".label")).ToHaveTextAsync("AND");
        var options = await menu.GetByRole(AriaRole.Option).Locator(".label").AllTextContentsAsync();
        Assert.Equal(["AND", "OR"], options.Take(2));
        Assert.Contains(">=", options);
        await rule.FillAsync("sessions_7d ");
        await rule.PressAsync("End");
        await _page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First.Locator(".label")).ToHaveTextAsync("=");

        // v2: inside an aggregate the kinds complete, and in in_segment(' the saved segments.
        await rule.FillAsync("count(pu");
        await rule.PressAsync("End");
        await _page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First.Locator(".label")).ToHaveTextAsync("purchases");
        await rule.FillAsync("in_segment('");
        await rule.PressAsync("End");
        await _page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First.Locator(".kind")).ToHaveTextAsync("segment");

        // After brand = inside WHERE, the most frequent real brands of the lake, the typed prefix narrowing them.
        using var api = app.Client(app.ViewerKey);
        var brands = (await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/catalog")).GetProperty("values").GetProperty("brand");
        var top = brands[0].GetString()!;
        await rule.FillAsync("count(views WHERE brand = '" + top[0]);
        await rule.PressAsync("End");
        await _page.Keyboard.PressAsync("Control+Space");
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First.Locator(".label")).ToHaveTextAsync(top);
        await Assertions.Expect(menu.GetByRole(AriaRole.Option).First.Locator(".kind")).ToHaveTextAsync("value");
        await _page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rule).ToHaveValueAsync($"count(views WHERE brand = '{top}'");

        // Highlighting reads the same tokens: a keyword, a metric and a number each in their class.
        await rule.FillAsync("sessions_7d > 3 AND nope");
        await Assertions.Expect(_page.Locator(".highlight .tok-keyword")).ToHaveTextAsync("AND");
        await Assertions.Expect(_page.Locator(".highlight .tok-metric")).ToHaveTextAsync("sessions_7d");
        await Assertions.Expect(_page.Locator(".highlight .tok-number")).ToHaveTextAsync("3");
    }

    [Fact]
    public async Task The_profiles_table_filters_by_a_rule_sorts_and_pages_on_the_server()
    {
        await SignInAsync("vera", WebAppFixture.ViewerPassword);
        await _page.GotoAsync("/#/profiles");
        await Assertions.Expect(_page.Locator("#profiles-total")).ToContainTextAsync($"{app.Profiles().Count.ToString("N0", CultureInfo.InvariantCulture)} customers");
        await _page.Locator("input[name=filter]").FillAsync("is_buyer AND spend_30d > 50");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var expected = app.ReferenceMembers("is_buyer AND spend_30d > 50");
        await Assertions.Expect(_page.Locator("#profiles-total")).ToContainTextAsync($"{expected.Count.ToString("N0", CultureInfo.InvariantCulture)} customers match the filter");
        await _page.Locator("#profiles th", new() { HasTextString = "spend_30d" }).ClickAsync();
        await Assertions.Expect(_page.Locator("#profiles th.sorted")).ToHaveTextAsync("spend_30d");
        var top = expected.Select(id => app.Profiles().Single(p => p.UserId == id)).OrderByDescending(p => (decimal)p.Metrics["spend_30d"]!).First();
        await Assertions.Expect(_page.Locator("#profiles tbody tr").First.Locator("td").First).ToHaveTextAsync(top.UserId.ToString(CultureInfo.InvariantCulture));

        await _page.Locator("input[name=filter]").FillAsync("spend_30d >");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Alert)).ToContainTextAsync("1:12");
    }

    [Fact]
    public async Task A_viewer_sees_the_dashboard_but_cannot_save_a_segment()
    {
        await SignInAsync("vera", WebAppFixture.ViewerPassword);
        await Assertions.Expect(_page.Locator("main svg.chart")).ToHaveCountAsync(4); // customers and buyers, revenue, events, purchases on an axis of their own
        await Assertions.Expect(_page.Locator(".card").First).ToContainTextAsync(app.Profiles().Count.ToString("N0", CultureInfo.InvariantCulture));
        await _page.ScreenshotAsync(new() { Path = Screenshot("dashboard.png"), FullPage = true });
        await _page.GotoAsync("/#/segments");
        await Assertions.Expect(_page.Locator("#segments")).ToBeVisibleAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Button, new() { Name = "New segment" })).ToHaveCountAsync(0);
        await _page.GotoAsync("/#/segments/new");
        await Assertions.Expect(_page.Locator("#save")).ToBeDisabledAsync();
        await _page.GotoAsync("/#/runs");
        await Assertions.Expect(_page.Locator("#runs tbody tr").First).ToContainTextAsync("succeeded");
        await Assertions.Expect(_page.GetByRole(AriaRole.Button, new() { Name = "Run now" })).ToBeDisabledAsync();
        await Assertions.Expect(_page.Locator("#runs tbody tr").First.Locator("td").Nth(5)).ToHaveTextAsync(new Regex(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$"));
        Assert.DoesNotContain("null", await _page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await _page.ScreenshotAsync(new() { Path = Screenshot("runs.png"), FullPage = true });
    }

    [Fact]
    public async Task A_wrong_password_says_so_and_shows_no_data()
    {
        await _page.GotoAsync("/");
        await _page.Locator("input[name=user]").FillAsync("eddie");
        await _page.Locator("input[name=password]").FillAsync("wrong-password-entirely");
        await _page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(_page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("the user name or the password is wrong");
        await Assertions.Expect(_page.Locator("#nav")).ToBeHiddenAsync();
    }

    private Task SignInAsync(string user, string password) => PageTests.SignInAsync(_page, user, password);

    /// <summary>The count <c>cdp rules eval</c> gives on the same profiles, exported as the command line reads them.</summary>
    private long CommandLineCount(string rule)
    {
        var csv = Path.Combine(app.DataDirectory, $"export-{Guid.NewGuid():N}.csv");
        Assert.Equal(0, CommandLine.Run(["profiles", "export", "--data", app.DataDirectory, "--as-of", "2019-10-31", "--out", csv], TextReader.Null, TextWriter.Null, TextWriter.Null));
        var output = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["rules", "eval", "--profiles", csv, rule, "--as-of", "2019-10-31"], TextReader.Null, output, TextWriter.Null));
        return output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static string Screenshot(string name) => PageTests.Screenshot(name);

    [GeneratedRegex(@"^[\d,]+$")]
    private static partial Regex NumberPattern();
}
