using System.Text.Json;

namespace Streams.Tests.Support;

/// <summary>One entry of tests/vectors/frames.json: a real frame and the values its source states.</summary>
internal sealed record FrameVector(string Id, string Protocol, string Kind, string Hex, JsonElement Expected, string Source)
{
    public byte[] Bytes => Convert.FromHexString(Hex);

    public JsonElement this[string name] =>
        Expected.TryGetProperty(name, out var value)
            ? value
            : throw new KeyNotFoundException($"vector {Id} has no expected.{name}");

    public double Number(string name) => this[name].GetDouble();

    public int Integer(string name) => this[name].GetInt32();

    public string Text(string name) => this[name].GetString()!;

    /// <summary>Values written as "0x…" strings in the file.</summary>
    public int HexNumber(string name) => Convert.ToInt32(Text(name), 16);

    public double[] Numbers(string name) => this[name].EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public override string ToString() => Id;
}
