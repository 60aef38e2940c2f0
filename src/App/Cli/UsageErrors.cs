using System.CommandLine;
using System.Text.RegularExpressions;
using Streams.Config.Loading;

namespace Streams.App.Cli;

/// <summary>
/// The parser's complaints as the few lines a person needs: one per mistake, with the likely
/// intent when there is one (<c>streams help</c>, a config path without <c>-C</c>, a mistyped
/// option), missing arguments of a command on one line, and no follow-on noise.
/// </summary>
internal static partial class UsageErrors
{
    private const string SeeHelp = "(see streams --help)";

    public static IReadOnlyList<string> Lines(ParseResult parsed, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(args);
        var lines = new List<string>();
        var command = parsed.CommandResult.Command;
        if (args is [var first, ..] && first is "help" or "?" or "/?")
        {
            return ["'help' is not a command; run 'streams --help', or 'streams COMMAND --help' for one command"];
        }

        foreach (var token in parsed.UnmatchedTokens.Distinct())
        {
            lines.Add(Unmatched(token, command));
        }

        var missing = new List<string>();
        foreach (var message in parsed.Errors.Select(error => OneLine(error.Message)).Distinct())
        {
            if (UnrecognizedToken().IsMatch(message))
            {
                continue;
            }

            if (MissingArgument().Match(message) is { Success: true } argument)
            {
                missing.Add($"<{argument.Groups["name"].Value}>");
                continue;
            }

            // Without -C the root also says the option is required: noise next to the real mistake.
            if (lines.Count > 0 && message.Contains("'--config' is required", StringComparison.Ordinal))
            {
                continue;
            }

            lines.Add($"{message} {SeeHelp}");
        }

        if (missing.Count > 0)
        {
            lines.Insert(0, $"{command.Name} needs {string.Join(' ', missing)} (see streams {command.Name} --help)");
        }

        return [.. lines.Distinct()];
    }

    private static string Unmatched(string token, Command command)
    {
        if (token.StartsWith('-'))
        {
            var names = OptionNames(command).ToList();
            var suggestion = KeySuggestion.Closest(token.TrimStart('-'), names.Select(n => n.TrimStart('-')));
            return suggestion is null
                ? $"unknown option '{token}' {SeeHelp}"
                : $"unknown option '{token}' (did you mean '{names.First(n => n.TrimStart('-') == suggestion)}'?)";
        }

        if (LooksLikeConfiguration(token))
        {
            return $"did you mean 'streams -C {token}'? (the configuration file follows -C)";
        }

        var commands = command.Subcommands.Select(c => c.Name).ToList();
        return KeySuggestion.Closest(token, commands) is { } close
            ? $"unknown command '{token}' (did you mean 'streams {close}'?)"
            : $"unexpected argument '{token}' {SeeHelp}";
    }

    private static bool LooksLikeConfiguration(string token) =>
        token.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || token.EndsWith(".yml", StringComparison.OrdinalIgnoreCase) || File.Exists(token);

    /// <summary>The options a user could mean here: the command's own and the ones every command takes (--help).</summary>
    private static IEnumerable<string> OptionNames(Command command) =>
        command.Options.Concat(command.Parents.OfType<Command>().SelectMany(parent => parent.Options.Where(o => o.Recursive)))
            .SelectMany(option => option.Aliases.Prepend(option.Name))
            .Where(name => name.StartsWith("--", StringComparison.Ordinal))
            .Distinct();

    /// <summary>The parser's messages may list choices on several lines; a user error is one line.</summary>
    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^Unrecognized command or argument '")]
    private static partial Regex UnrecognizedToken();

    [GeneratedRegex(@"^Required argument '(?<name>[^']+)' missing")]
    private static partial Regex MissingArgument();
}
