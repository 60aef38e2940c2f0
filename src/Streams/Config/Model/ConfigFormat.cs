namespace Streams.Config.Model;

/// <summary>Which of the two accepted file layouts a configuration was read from.</summary>
public enum ConfigFormat
{
    /// <summary>The product's own layout (<c>sources:</c>).</summary>
    Native,

    /// <summary>The Python seed's layout (<c>bus:</c> + <c>packs:</c>), mapped onto the same model.</summary>
    Seed,
}
