using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using FluentAssertions;
using FsCheck;
using FsCheck.Fluent;
using Streams.HomeAssistant;
using Streams.Tests.Support;
using Xunit;

namespace Streams.Tests.HomeAssistant;

/// <summary>The fast path of the state document's numbers prints what the general formatter prints, or declines.</summary>
public sealed class ShortDecimalTests
{
    private static readonly FsCheck.Config Runs = FsCheck.Config.QuickThrowOnFailure.WithMaxTest(20_000);

    private static readonly double[] Powers = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000];

    /// <summary>Registers scaled the way decoders scale them (and rounded to 6 decimals as the field builder does).</summary>
    private static readonly Gen<double> Scaled =
        from raw in Gen.Choose(-2_000_000_000, 2_000_000_000)
        from decimals in Gen.Choose(0, 7)
        from multiply in Gen.Elements(false, true)
        select Math.Round(multiply ? raw * (1 / Powers[decimals]) : raw / Powers[decimals], 6);

    private static readonly Gen<double> AnyDouble =
        from bits in Gen.Choose(int.MinValue, int.MaxValue).Two()
        select BitConverter.Int64BitsToDouble(((long)bits.Item1 << 32) | (uint)bits.Item2);

    [Theory]
    [InlineData(52.34, "52.34")]
    [InlineData(3.301, "3.301")]
    [InlineData(-12.5, "-12.5")]
    [InlineData(0.005, "0.005")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(53.120000000000005, null)]
    [InlineData(0.00001, null)]
    [InlineData(1e15, null)]
    [InlineData(double.NaN, null)]
    public void Prints_the_shortest_decimal_or_declines(double value, string? expected)
    {
        Span<byte> text = stackalloc byte[ShortDecimal.MaxLength];
        var printed = ShortDecimal.TryFormat(value, text, out var length) ? Encoding.UTF8.GetString(text[..length]) : null;
        printed.Should().Be(expected);
    }

    [Fact]
    public void Scaled_registers_print_as_the_general_formatter_prints_them() =>
        Check.One(Runs, Prop.ForAll(Scaled.ToArb(), Same));

    [Fact]
    public void Any_double_prints_as_the_general_formatter_prints_it_or_is_declined() =>
        Check.One(Runs, Prop.ForAll(AnyDouble.ToArb(), Same));

    [Fact]
    public void Registers_in_thousandths_and_hundredths_take_the_fast_path()
    {
        var taken = Enumerable.Range(1, 10_000).Count(raw =>
        {
            Span<byte> text = stackalloc byte[ShortDecimal.MaxLength];
            return ShortDecimal.TryFormat(raw / 1000.0, text, out _) && ShortDecimal.TryFormat(raw / 100.0, text, out _);
        });
        taken.Should().Be(10_000);
    }

    private static bool Same(double value)
    {
        Span<byte> text = stackalloc byte[ShortDecimal.MaxLength];
        if (!ShortDecimal.TryFormat(value, text, out var length))
        {
            return true;
        }

        // What the state document printed before: the JSON writer's own number formatting.
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteNumberValue(value);
        }

        var general = Encoding.UTF8.GetString(buffer.WrittenSpan);
        var fast = Encoding.UTF8.GetString(text[..length]);
        return fast == general ? true : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{value:R}: fast path printed {fast}, general {general}"));
    }
}
