namespace Streams.Core;

/// <summary>A snapshot of one device's named fields, as decoded from one poll or one sniffed reply.</summary>
internal sealed record Reading(DeviceInfo Device, DateTimeOffset Timestamp, IReadOnlyList<FieldValue> Fields);
