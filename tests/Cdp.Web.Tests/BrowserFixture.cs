using Microsoft.Playwright;

namespace Cdp.Web.Tests;

/// <summary>
/// One headless Chromium for the collection: Debian's /usr/bin/chromium driven by Playwright, whose driver
/// runs on the machine's Node (the package's own Node and browser downloads are not used).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException($"the browser tests need {chromium}: apt-get install chromium (./test.sh does)");
        }

        Environment.SetEnvironmentVariable("PLAYWRIGHT_NODEJS_PATH", Which("node") ?? throw new InvalidOperationException("the browser tests need node on PATH"));
        Environment.SetEnvironmentVariable("PLAYWRIGHT_DRIVER_SEARCH_PATH", DriverFolder());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>The NuGet folder of the Playwright package this test was built with (it holds the driver).</summary>
    private static string DriverFolder()
    {
        var version = typeof(Playwright).Assembly.GetName().Version!;
        var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var folder = Path.Combine(packages, "microsoft.playwright", $"{version.Major}.{version.Minor}.{version.Build}");
        return Directory.Exists(Path.Combine(folder, ".playwright"))
            ? folder
            : throw new InvalidOperationException($"no Playwright driver in {folder}");
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
