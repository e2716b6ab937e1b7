namespace Cdp.Host.Cli.Commands;

/// <summary><c>health [--url URL]</c>: exit 0 when the host answers its /health, 1 otherwise (the container health check).</summary>
internal static class HealthCommand
{
    public static int Run(Arguments arguments, TextWriter stdout)
    {
        var url = arguments.Value("url") ?? "http://127.0.0.1:8080/health";
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = http.GetAsync(url).GetAwaiter().GetResult();
            stdout.WriteLine($"{url}: {(int)response.StatusCode}");
            return response.IsSuccessStatusCode ? ExitCodes.Success : ExitCodes.InvalidRule;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stdout.WriteLine($"{url}: {e.Message}");
            return ExitCodes.InvalidRule;
        }
    }
}
