namespace Streams.Sources.DBus;

/// <summary>
/// A NameOwnerChanged signal: <paramref name="Name"/> moved from <paramref name="OldOwner"/> to
/// <paramref name="NewOwner"/> (null = no owner). A well-known name such as <c>org.bluez</c>
/// getting a new owner means its service restarted.
/// </summary>
public sealed record DBusNameOwnerChange(string Name, string? OldOwner, string? NewOwner);
