namespace Streams.Core;

/// <summary>
/// A credential read from the configuration (an MQTT or BLE password). It prints as <c>***</c> so
/// that logging a configuration record never leaks it.
/// </summary>
/// <remarks>
/// The text is reachable only through <see cref="Reveal"/>, a method rather than a property, because
/// structured loggers and serializers (Serilog's <c>{@Config}</c>, System.Text.Json) walk public
/// properties and would otherwise write the password out.
/// </remarks>
public sealed class Secret : IEquatable<Secret>
{
    /// <summary>What <see cref="ToString"/> prints instead of the secret.</summary>
    public const string Redacted = "***";

    private readonly string _value;

    /// <summary>Wraps <paramref name="value"/>; it must not be empty.</summary>
    public Secret(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        _value = value;
    }

    /// <summary>The secret text, for the one place that sends it (the MQTT CONNECT, the BLE handshake).</summary>
    public string Reveal() => _value;

    public override string ToString() => Redacted;

    public bool Equals(Secret? other) => other is not null && string.Equals(_value, other._value, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Secret);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(_value);
}
