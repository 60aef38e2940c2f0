using System.Globalization;

namespace Streams.Core;

/// <summary>The link diagnostics of one BLE poll, turned into <see cref="BleLinkFields"/>.</summary>
/// <param name="Rssi">dBm, or null when the stack reports none.</param>
/// <param name="PollSuccessRate">0–100 over the recent polls.</param>
/// <param name="LastSeen">The last notification's time, or null when none arrived yet.</param>
internal sealed record BleLinkDiagnostics(short? Rssi, double PollSuccessRate, DateTimeOffset? LastSeen)
{
    /// <summary><paramref name="reading"/> with the link fields appended.</summary>
    public Reading AppendTo(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var fields = new FieldListBuilder(reading.Fields.Count + BleLinkFields.All.Count);
        foreach (var field in reading.Fields)
        {
            fields.Add(field);
        }

        if (Rssi is { } rssi)
        {
            fields.Add(BleLinkFields.Rssi, rssi);
        }

        fields.Add(BleLinkFields.PollSuccessRate, PollSuccessRate);
        if (LastSeen is { } seen)
        {
            fields.Add(BleLinkFields.LastSeen, seen.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }

        return reading with { Fields = fields.Build() };
    }
}
