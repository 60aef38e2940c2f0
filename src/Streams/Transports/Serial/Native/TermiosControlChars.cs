using System.Runtime.CompilerServices;

namespace Streams.Transports.Serial.Native;

/// <summary><c>cc_t c_cc[NCCS]</c> with NCCS = 32, as a safe fixed-size buffer.</summary>
[InlineArray(32)]
internal struct TermiosControlChars
{
    private byte _element0;
}
