using System.Text;
using Microsoft.Win32.SafeHandles;
using Streams.Sinks;

namespace Streams.App.Hosting;

/// <summary>
/// Standard output for the console sinks, written through its file descriptor rather than
/// <see cref="Console.Out"/>: .NET's console stream swallows EPIPE, so a run piped into
/// <c>head -1</c> would write into nothing forever. Here a closed pipe fails the write, and the
/// <see cref="ConsoleOutput"/> reports it.
/// </summary>
internal static class StandardOutput
{
    private const int Descriptor = 1;

    public static ConsoleOutput Open(Action closed)
    {
        TextWriter writer;
        try
        {
            var stream = new FileStream(new SafeFileHandle(Descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            // No usable descriptor 1 (started with stdout closed): the console's writer copes.
            writer = Console.Out;
        }

        return new ConsoleOutput(writer, closed);
    }
}
