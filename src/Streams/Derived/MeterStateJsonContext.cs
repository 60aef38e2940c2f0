using System.Text.Json.Serialization;

namespace Streams.Derived;

/// <summary>Source-generated (de)serialisation of <see cref="MeterStateDocument"/>: no reflection, so it survives Native AOT and trimming.</summary>
[JsonSourceGenerationOptions(
    WriteIndented = true,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    RespectRequiredConstructorParameters = true,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(MeterStateDocument))]
internal sealed partial class MeterStateJsonContext : JsonSerializerContext;
