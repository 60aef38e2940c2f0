using System.Diagnostics.Tracing;
using System.Globalization;

namespace Streams.Bench.Framing;

/// <summary>
/// Which types the allocations of an action go to: the runtime's allocation ticks (one per ~100 KB
/// allocated, naming the type of the object that crossed the mark), summed per type. A sample, not
/// an exact count: enough to tell where the bytes of a replay's reading go.
/// </summary>
internal sealed class AllocationTypes : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = [];
    private bool _on;

    public static void Report(Action run, long readings)
    {
        using var listener = new AllocationTypes();
        listener._on = true;
        run();
        listener._on = false;
        lock (listener._bytes)
        {
            var total = listener._bytes.Values.Sum();
            foreach (var (type, bytes) in listener._bytes.OrderByDescending(pair => pair.Value).Take(25))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)readings,8:0} B/reading  {100.0 * bytes / total,5:0.0} %  {type}"));
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_on || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var type = eventData.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? eventData.Payload[t] as string ?? "?" : "?";
        var amount = eventData.PayloadNames!.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(eventData.Payload[a], CultureInfo.InvariantCulture) : 0;
        lock (_bytes)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
