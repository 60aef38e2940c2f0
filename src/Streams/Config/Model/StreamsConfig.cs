namespace Streams.Config.Model;

/// <summary>
/// The whole, validated configuration. Immutable; lists compare by content, so two loads of the
/// same settings are equal. Printing it never shows a password (see <see cref="Secret"/>).
/// </summary>
/// <param name="Sources">Where readings come from, at least one.</param>
/// <param name="Mqtt">The broker, or null to print readings on the console.</param>
/// <param name="Logging">Logging settings.</param>
/// <param name="Health">Offline and error-report settings.</param>
/// <param name="Format">Which file layout this was read from.</param>
public sealed record StreamsConfig(
    IReadOnlyList<SourceConfig> Sources,
    MqttConfig? Mqtt,
    LoggingConfig Logging,
    HealthConfig Health,
    ConfigFormat Format)
{
    /// <summary>The energy meters; defaults when there is no <c>energy:</c> section.</summary>
    public EnergyConfig Energy { get; init; } = EnergyConfig.Default;

    /// <summary>Banks of packs shown as one battery; none by default.</summary>
    public IReadOnlyList<BankConfig> Banks { get; init; } = [];
}
