namespace Streams.Core;

/// <summary>How a field is presented: a numeric or text sensor, an on/off problem indicator, or an on/off state.</summary>
internal enum FieldKind
{
    Sensor,
    Text,

    /// <summary>A binary sensor where on = a problem (warning, protection, alarm or error bit).</summary>
    Problem,

    /// <summary>A binary sensor for a state that is not a problem (charging, heater, MOSFET on, balancing).</summary>
    Flag,
}
