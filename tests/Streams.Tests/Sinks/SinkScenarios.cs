using System.Reactive.Linq;
using System.Text;
using Streams.Sinks;
using Streams.Testing.Marbles;

namespace Streams.Tests.Sinks;

internal static class SinkScenarios
{
    /// <summary>Input <c>lines</c>: one line written per value. Output: each flush's lines, joined by <c>|</c>.</summary>
    [MarbleScenario("sinks.console-flush")]
    public static IObservable<string> ConsoleFlush(IMarbleContext ctx) => Observable.Create<string>(observer =>
    {
        var within = MarbleDuration.Parse(ctx.Meta("within") ?? throw new InvalidOperationException("@within is required"));
        var writer = new BufferedLineWriter(new FlushRecorder(observer.OnNext), within, ctx.Scheduler);
        return ctx.Input("lines").Subscribe(
            line => writer.WriteLine(line),
            observer.OnError,
            () =>
            {
                writer.Dispose();
                observer.OnCompleted();
            });
    });

    /// <summary>An inner writer that reports, at each flush, the lines written since the last one.</summary>
    internal sealed class FlushRecorder(Action<string> flushed) : TextWriter
    {
        private readonly StringBuilder _pending = new();

        public override Encoding Encoding => Encoding.UTF8;

        public int Flushes { get; private set; }

        public Exception? FailNextFlush { get; set; }

        public override void Write(char value) => _pending.Append(value);

        public override void Write(string? value) => _pending.Append(value);

        public override void Flush()
        {
            if (FailNextFlush is { } failure)
            {
                FailNextFlush = null;
                throw failure;
            }

            if (_pending.Length == 0)
            {
                return;
            }

            Flushes++;
            flushed(string.Join('|', _pending.ToString().Split(NewLine, StringSplitOptions.RemoveEmptyEntries)));
            _pending.Clear();
        }
    }
}
