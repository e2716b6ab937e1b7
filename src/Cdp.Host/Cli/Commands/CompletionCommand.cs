namespace Cdp.Host.Cli.Commands;

/// <summary>
/// <c>completion bash</c>: a script that makes bash complete cdp's commands and options, by asking cdp itself
/// (System.CommandLine's <c>[suggest:POSITION]</c> directive) what fits at the cursor. Load it with
/// <c>eval "$(./cdp completion bash)"</c> or put the output in <c>/etc/bash_completion.d/cdp</c>.
/// </summary>
internal static class CompletionCommand
{
    public const string Bash = """
        # bash completion for cdp, from `cdp completion bash`: asks cdp what fits at the cursor.
        _cdp_complete()
        {
            local typed="${COMP_LINE:0:COMP_POINT}"
            local rest="${typed#*[[:space:]]}"
            local IFS=$'\n'
            COMPREPLY=( $(compgen -W "$("${COMP_WORDS[0]}" "[suggest:${#rest}]" "${rest}" 2>/dev/null)" -- "${COMP_WORDS[COMP_CWORD]}") )
        }
        complete -o default -F _cdp_complete cdp ./cdp
        """;

    public static int Run(Arguments arguments, TextWriter stdout)
    {
        switch (arguments.Positional)
        {
            case ["bash"]:
                stdout.WriteLine(Bash);
                return ExitCodes.Success;
            default:
                throw new UsageException("completion takes the shell: bash");
        }
    }
}
