using System.CommandLine;
using Streams.Tools;

namespace Streams.App.Cli;

/// <summary><c>streams decode &lt;protocol&gt; &lt;hex&gt;</c>: one frame's decoded fields as JSON.</summary>
internal static class DecodeCommand
{
    public static void AddTo(RootCommand root)
    {
        var protocol = new Argument<string>("protocol")
        {
            Description = $"The frame's protocol: {string.Join(", ", FrameDecoding.Protocols)}.",
        };
        protocol.AcceptOnlyFromAmong([.. FrameDecoding.Protocols]);
        var hex = new Argument<string[]>("hex")
        {
            Description = "The frame in hex; spaces are allowed (as one quoted argument or as several).",
            Arity = ArgumentArity.OneOrMore,
        };

        var command = new Command("decode", "Decode one frame and print its fields as JSON, e.g. streams decode jbd \"dd 04 00 08 0f 45 0f 3d 0f 37 0f 3d fe c6 77\".")
        {
            protocol,
            hex,
        };
        command.SetAction(result =>
        {
            var decoded = FrameDecoding.DecodeToJson(result.GetValue(protocol)!, string.Join(' ', result.GetValue(hex)!));
            if (decoded.TryGetValue(out var json, out var error))
            {
                Console.Out.WriteLine(json);
                return ExitCodes.Ok;
            }

            Console.Error.WriteLine($"streams: decode: {error.Message}");
            return ExitCodes.UsageError;
        });
        root.Subcommands.Add(command);
    }
}
