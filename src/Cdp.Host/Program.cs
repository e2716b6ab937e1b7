using Cdp.Host.Cli.Commands;
using Cdp.Host.Web;

// `serve` is the default verb: no arguments, or options only, start the platform and its web app.
return args switch
{
    ["serve", .. var rest] => await WebHost.RunAsync(rest),
    [] => await WebHost.RunAsync([]),
    [var first, ..] when first.StartsWith("--", StringComparison.Ordinal) && first != "--help" => await WebHost.RunAsync(args),
    _ => CommandLine.Run(args, Console.In, Console.Out, Console.Error),
};
