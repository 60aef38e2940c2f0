namespace Streams.Core;

/// <summary>How sure the public sources are of what a field means (docs/protocols.md names them per field).</summary>
internal enum FieldCertainty
{
    /// <summary>Independent sources agree and real replies fit.</summary>
    Confirmed,

    /// <summary>A source states it, real replies fit it, and no source contradicts it.</summary>
    Probable,

    /// <summary>One source only, unchecked against a real reply, or sources disagree: published, but disabled by default in Home Assistant.</summary>
    Uncertain,
}
