namespace Streams.Core;

/// <summary>One named bit of a device status word, published as the on/off field <see cref="Spec"/>.</summary>
internal sealed record BitField(uint Mask, FieldSpec Spec);
