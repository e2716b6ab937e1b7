using Cdp.Host.Cli;
using Cdp.Host.Web;

return args is ["serve", .. var rest]
    ? await WebHost.RunAsync(rest)
    : CommandLine.Run(args, Console.In, Console.Out, Console.Error);
